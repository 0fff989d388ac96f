import type { RbacRequest } from '../../policy/rbac/index.js';
import { scopeOf } from '../../policy/rbac/scope.js';
import type { Finding, Rule } from '../rule.js';
import { Candidates } from './candidates.js';
import { allowed } from '../../policy/rbac/decision.js';
import { namespaceHoldings, namespaces, rbacSubjects } from './rbac-subjects.js';

const CONTROLLERS: readonly [group: string, resource: string][] = [
  ['', 'pods'],
  ['', 'replicationcontrollers'],
  ['apps', 'deployments'],
  ['apps', 'replicasets'],
  ['apps', 'statefulsets'],
  ['apps', 'daemonsets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
];
const SHAPES: readonly RbacRequest[] = CONTROLLERS.flatMap(([group, resource]) => ['create', 'patch', 'update'].map((verb) => ({ verb, group, resource })));

export const rule: Rule = {
  id: 'k8s-pod-create',
  title: 'Creates or changes pods in a namespace',
  edgeKind: 'exec',
  technique: 'T1610',
  description: 'Whoever may create or patch pods, or any controller that makes pods, runs a pod with any service account and any secret of the namespace mounted, carrying any workload\'s labels; without Pod Security admission at baseline or stricter the pod may also be privileged on any node.',
  remediation: 'Keep workload write access to CI identities; enforce admission policy (Pod Security, Kyverno, Gatekeeper) on which service accounts and secrets a pod may use.',
  cost: 10,
  find(model, ctx) {
    const out: Finding[] = [];
    const targets = namespaceHoldings(model, true);
    // Without Pod Security admission at baseline or stricter, the new pod may be privileged and
    // land on any node (the scheduler picks one; nodeName forces it).
    const nodes = model.resources.filter((r) => r.type === 'node').map((r) => r.id);
    const admits = (ns: string) => !['baseline', 'restricted'].includes(model.namespaces.find((n) => n.name === ns)?.labels['pod-security.kubernetes.io/enforce'] ?? '');
    const spaces = new Candidates(
      namespaces(model).map((ns) => ({ ns, reqs: SHAPES.map((s) => ({ ...s, namespace: ns })), reached: [...(targets.get(ns) ?? []), ...(admits(ns) ? nodes : [])] })),
      (n) => ({ namespace: n.ns, names: [] }),
    );
    for (const subject of rbacSubjects(model)) {
      const scope = scopeOf(ctx, subject, SHAPES);
      for (const { ns, reqs, reached } of spaces.within(scope)) {
        const d = allowed(scope.bound, reqs);
        if (!d) continue;
        for (const to of reached) {
          if (to !== subject) out.push({ from: subject, to, reason: `${subject} may run a pod in ${ns} that ${to.startsWith('secret:') ? 'mounts' : to.startsWith('system:') ? 'runs as' : to.startsWith('node:') ? 'is privileged on' : 'poses as'} ${to}`, decisions: [d] });
        }
      }
    }
    return out;
  },
};
