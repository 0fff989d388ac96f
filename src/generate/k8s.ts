/**
 * Kubernetes documents of one namespace: the Namespace, its ServiceAccounts, Secrets,
 * Deployments with a Service each, and NetworkPolicies (default-deny, label-based allows,
 * per-hub allow-lists, egress policies). Ordered by kind, then by name.
 */
import type { Plan, PlannedNamespace, PlannedWorkload } from './plan.js';
import { Rng } from './prng.js';

type Doc = Record<string, unknown>;
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function sortedWorkloads(plan: Plan, ns: PlannedNamespace): PlannedWorkload[] {
  return ns.workloads.map((id) => plan.workloads[id]!).sort(byName);
}

/** Service accounts of a namespace: those its workloads run as, plus the deployer and ops accounts. */
export function serviceAccountsOf(plan: Plan, ns: PlannedNamespace): string[] {
  const names = new Set(ns.workloads.map((id) => plan.workloads[id]!.serviceAccount));
  if (ns.deployer) names.add('deployer');
  if (ns.index === plan.opsNamespace) names.add('ops');
  return [...names].sort();
}

export const principal = (namespace: string, sa: string) => `cluster.local/ns/${namespace}/sa/${sa}`;

export function namespaceDoc(ns: PlannedNamespace, podSecurity: boolean): Doc {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ns.name,
      labels: {
        ...(ns.istio ? { 'istio-injection': 'enabled' } : {}),
        ...(ns.tier !== undefined ? { 'lateral.dev/tier': String(ns.tier) } : {}),
        ...(podSecurity ? { 'pod-security.kubernetes.io/enforce': 'baseline' } : {}),
      },
      annotations: { 'lateral.dev/owner': ns.owner },
    },
  };
}

export function* coreDocs(plan: Plan, ns: PlannedNamespace, rng: Rng): Generator<Doc> {
  // A namespace with a deployer must not enforce Pod Security: that is what makes it dangerous.
  yield namespaceDoc(ns, !ns.deployer && rng.chance(0.3));
  for (const sa of serviceAccountsOf(plan, ns)) {
    yield { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: ns.name } };
  }
  const workloads = sortedWorkloads(plan, ns);
  const secrets = workloads.filter((w) => w.secret).map((w) => ({ name: w.secret!, tier: w.tier }));
  if (ns.legacyToken) secrets.push({ name: 'deployer-token', tier: undefined });
  for (const s of secrets.sort(byName)) {
    if (s.name === 'deployer-token') {
      yield {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: s.name, namespace: ns.name, annotations: { 'kubernetes.io/service-account.name': 'deployer' } },
        type: 'kubernetes.io/service-account-token',
      };
    } else {
      yield { apiVersion: 'v1', kind: 'Secret', metadata: { name: s.name, namespace: ns.name, ...(s.tier === 0 ? { labels: { 'lateral.dev/tier': '0' } } : {}) }, type: 'Opaque' };
    }
  }
  for (const w of workloads) {
    yield deployment(ns, w, rng);
    yield service(ns, w);
  }
}

function deployment(ns: PlannedNamespace, w: PlannedWorkload, rng: Rng): Doc {
  const labels: Record<string, string> = { app: w.name };
  if (w.group) labels[w.group[0]] = w.group[1];
  const container: Doc = {
    name: w.component,
    image: `registry.example.com/${ns.name}/${w.component}:${rng.int(1, 9)}.${rng.int(0, 30)}.${rng.int(0, 9)}`,
    ports: w.ports.map((p) => ({ name: p.name, containerPort: p.port })),
  };
  if (w.secret && w.secretVia === 'env') container.env = [{ name: 'CREDENTIALS', valueFrom: { secretKeyRef: { name: w.secret, key: 'password' } } }];
  if (w.secret && w.secretVia === 'volume') container.volumeMounts = [{ name: 'credentials', mountPath: '/var/run/secrets/app', readOnly: true }];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.name, namespace: ns.name, labels: { app: w.name, ...(w.tier !== undefined ? { 'lateral.dev/tier': String(w.tier) } : {}) } },
    spec: {
      replicas: w.tier === 0 ? 1 : rng.int(2, 6),
      selector: { matchLabels: { app: w.name } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: w.serviceAccount,
          ...(w.automount ? {} : { automountServiceAccountToken: false }),
          containers: [container],
          ...(w.secret && w.secretVia === 'volume' ? { volumes: [{ name: 'credentials', secret: { secretName: w.secret } }] } : {}),
        },
      },
    },
  };
}

function service(ns: PlannedNamespace, w: PlannedWorkload): Doc {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: w.name, namespace: ns.name },
    spec: {
      selector: { app: w.name },
      ports: w.ports.map((p) => ({ name: p.service, port: p.port === 8080 ? 80 : p.port, targetPort: p.name })),
    },
  };
}

/** NetworkPolicy peers for a set of workloads: one per namespace, by `app` label. */
export function peersOf(plan: Plan, from: PlannedNamespace, ids: readonly number[]): Doc[] {
  const groups = new Map<number, string[]>();
  for (const id of ids) {
    const w = plan.workloads[id]!;
    const list = groups.get(w.ns) ?? [];
    list.push(w.name);
    groups.set(w.ns, list);
  }
  return [...groups]
    .map(([nsIndex, apps]) => ({ ns: plan.namespaces[nsIndex]!, apps: [...new Set(apps)].sort() }))
    .sort((a, b) => (a.ns.name < b.ns.name ? -1 : 1))
    .map(({ ns, apps }) => {
      const podSelector = apps.length === 1 ? { matchLabels: { app: apps[0]! } } : { matchExpressions: [{ key: 'app', operator: 'In', values: apps }] };
      return ns === from ? { podSelector } : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns.name } }, podSelector };
    });
}

const DNS = { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] };

export function* networkPolicyDocs(plan: Plan, ns: PlannedNamespace, rng: Rng): Generator<Doc> {
  const np = (name: string, spec: Doc): Doc => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: ns.name, resourceVersion: String(rng.int(1000, 999999)) },
    spec,
  });
  const out: Doc[] = [];
  if (ns.defaultDeny) {
    out.push(np('default-deny', { podSelector: {}, policyTypes: ['Ingress'] }));
    out.push(np('allow-backend-from-frontend', { podSelector: { matchLabels: { tier: 'backend' } }, ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }], ports: [{ port: 'http' }, { port: 'grpc' }] }] }));
    const ops = plan.namespaces[plan.opsNamespace]!;
    out.push(np('allow-metrics-scrape', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ops.name } } }], ports: [{ port: 'metrics' }] }] }));
  }
  for (const w of sortedWorkloads(plan, ns)) {
    const callers = plan.callers[w.id]!;
    const allow = callers.length > 0 && (w.hub || (ns.defaultDeny && rng.chance(plan.policyBudget.allowProbability)));
    if (allow) {
      out.push(np(`allow-${w.name}`, { podSelector: { matchLabels: { app: w.name } }, policyTypes: ['Ingress'], ingress: [{ from: peersOf(plan, ns, callers), ports: [{ port: w.ports[0]!.name }] }] }));
    }
    if (ns.egress && w.calls.length > 0 && rng.chance(plan.policyBudget.egressProbability)) {
      const ports = [...new Set(w.calls.map((c) => plan.workloads[c]!.ports[0]!.name))].sort().map((port) => ({ port }));
      out.push(np(`egress-${w.name}`, { podSelector: { matchLabels: { app: w.name } }, policyTypes: ['Egress'], egress: [{ to: peersOf(plan, ns, w.calls), ports }, DNS] }));
    }
  }
  yield* out.sort((a, b) => byName(a.metadata as { name: string }, b.metadata as { name: string }));
}
