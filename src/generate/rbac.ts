/**
 * RBAC: per namespace a read-only Role bound to a few service accounts, and where the plan
 * says so the over-broad ones — a Role that lists secrets, a deployer that creates pods and
 * deployments. Cluster-wide: a viewer role, a wide ops-admin ClusterRole bound by a
 * ClusterRoleBinding to one account, and a secret auditor that lists secrets everywhere.
 */
import { serviceAccountsOf, sortedWorkloads } from './k8s.js';
import type { Plan, PlannedNamespace } from './plan.js';
import { Rng } from './prng.js';

type Doc = Record<string, unknown>;
const API = 'rbac.authorization.k8s.io/v1';
const roleRef = (kind: 'Role' | 'ClusterRole', name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });
const sa = (name: string, namespace?: string) => ({ kind: 'ServiceAccount', name, ...(namespace ? { namespace } : {}) });

/** The service account a namespace's secret-reader Role is bound to: a frontend's when there is one. */
export function secretReaderOf(plan: Plan, ns: PlannedNamespace): string {
  const workloads = sortedWorkloads(plan, ns);
  const front = workloads.find((w) => w.group?.[1] === 'frontend') ?? workloads[0]!;
  return front.serviceAccount;
}

export function* namespaceRbacDocs(plan: Plan, ns: PlannedNamespace, rng: Rng): Generator<Doc> {
  const accounts = serviceAccountsOf(plan, ns).filter((a) => a !== 'deployer' && a !== 'ops');
  yield {
    apiVersion: API,
    kind: 'Role',
    metadata: { name: 'pod-viewer', namespace: ns.name },
    rules: [{ apiGroups: [''], resources: ['pods', 'services', 'endpoints', 'configmaps'], verbs: ['get', 'list', 'watch'] }],
  };
  yield { apiVersion: API, kind: 'RoleBinding', metadata: { name: 'pod-viewer', namespace: ns.name }, roleRef: roleRef('Role', 'pod-viewer'), subjects: rng.sample(accounts, 3).map((a) => sa(a)) };
  if (ns.secretReader) {
    // "It needs its TLS certificate": get and list on every secret of the namespace.
    yield { apiVersion: API, kind: 'Role', metadata: { name: 'secret-reader', namespace: ns.name }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] };
    yield { apiVersion: API, kind: 'RoleBinding', metadata: { name: 'secret-reader', namespace: ns.name }, roleRef: roleRef('Role', 'secret-reader'), subjects: [sa(secretReaderOf(plan, ns))] };
  }
  if (ns.deployer) {
    yield {
      apiVersion: API,
      kind: 'Role',
      metadata: { name: 'deployer', namespace: ns.name },
      rules: [
        { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'create', 'patch', 'update'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'create', 'delete'] },
      ],
    };
    yield { apiVersion: API, kind: 'RoleBinding', metadata: { name: 'deployer', namespace: ns.name }, roleRef: roleRef('Role', 'deployer'), subjects: [sa('deployer')] };
  }
}

/** The service account the cluster-wide secret auditor runs as (a workload in the biggest namespace). */
export function secretAuditorOf(plan: Plan): { namespace: string; serviceAccount: string } {
  const ns = plan.namespaces[0]!;
  const workloads = sortedWorkloads(plan, ns);
  const w = workloads.find((x) => x.component === 'reporting' || x.component === 'exporter') ?? workloads[workloads.length - 1]!;
  return { namespace: ns.name, serviceAccount: w.serviceAccount };
}

export function clusterRbacDocs(plan: Plan): Doc[] {
  const ops = plan.namespaces[plan.opsNamespace]!;
  const auditor = secretAuditorOf(plan);
  return [
    {
      apiVersion: API,
      kind: 'ClusterRole',
      metadata: { name: 'cluster-viewer' },
      rules: [{ apiGroups: ['', 'apps'], resources: ['pods', 'services', 'namespaces', 'deployments'], verbs: ['get', 'list', 'watch'] }],
    },
    { apiVersion: API, kind: 'ClusterRoleBinding', metadata: { name: 'cluster-viewer' }, roleRef: roleRef('ClusterRole', 'cluster-viewer'), subjects: [{ kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' }] },
    { apiVersion: API, kind: 'ClusterRole', metadata: { name: 'ops-admin' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
    { apiVersion: API, kind: 'ClusterRoleBinding', metadata: { name: 'ops-admin' }, roleRef: roleRef('ClusterRole', 'ops-admin'), subjects: [sa('ops', ops.name)] },
    { apiVersion: API, kind: 'ClusterRole', metadata: { name: 'secret-auditor' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list', 'watch'] }] },
    { apiVersion: API, kind: 'ClusterRoleBinding', metadata: { name: 'secret-auditor' }, roleRef: roleRef('ClusterRole', 'secret-auditor'), subjects: [sa(auditor.serviceAccount, auditor.namespace)] },
  ];
}
