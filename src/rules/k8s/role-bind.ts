import type { Finding, Rule } from '../rule.js';
import type { Bound, RbacRequest } from '../../policy/rbac/index.js';
import { scopeOf } from '../../policy/rbac/scope.js';
import { Candidates } from './candidates.js';
import { allowed } from '../../policy/rbac/decision.js';
import { namespaceHoldings, namespaces, rbacSubjects } from './rbac-subjects.js';

const RBAC = 'rbac.authorization.k8s.io';
/** The verbs and resources of every request below. */
const SHAPES: readonly RbacRequest[] = [
  { verb: 'create', group: RBAC, resource: 'rolebindings' },
  { verb: 'create', group: RBAC, resource: 'clusterrolebindings' },
  ...['bind', 'escalate', 'update', 'patch'].flatMap((verb) => ['roles', 'clusterroles'].map((resource) => ({ verb, group: RBAC, resource }))),
];

/**
 * RBAC's privilege-escalation prevention: creating a (Cluster)RoleBinding needs `bind` on
 * the referenced role unless the creator already holds every permission in it, and changing
 * a role needs `escalate` unless the creator holds what it adds. So creating bindings
 * escalates only together with `bind`; updating roles only together with `escalate`.
 * Binding any role in a namespace makes the subject that namespace's administrator: it
 * reaches every service account and secret there (cluster-wide for ClusterRoleBindings).
 */
export const rule: Rule = {
  id: 'k8s-role-bind',
  title: 'Binds or escalates roles',
  edgeKind: 'escalate',
  technique: 'T1098',
  description: 'With bind on roles and create on rolebindings (or escalate and update on roles), a subject grants itself any role and acts as any identity in the scope.',
  remediation: 'Never grant bind, escalate or impersonate with wildcards; keep binding management in a GitOps pipeline.',
  cost: 5,
  find(model, ctx) {
    const out: Finding[] = [];
    const inNamespace = namespaceHoldings(model, false);
    const all = [...inNamespace.values()].flat();
    const spaces = new Candidates(namespaces(model), (ns) => ({ namespace: ns, names: [] }));
    for (const subject of rbacSubjects(model)) {
      const scope = scopeOf(ctx, subject, SHAPES);
      const push = (targets: readonly string[], d: NonNullable<ReturnType<typeof allowed>>[], where: string) => {
        for (const to of targets) if (to !== subject) out.push({ from: subject, to, reason: `${subject} may grant itself any role ${where}`, decisions: d });
      };
      const cluster =
        both(scope.bound, [{ verb: 'create', group: RBAC, resource: 'clusterrolebindings' }], [{ verb: 'bind', group: RBAC, resource: 'clusterroles' }]) ??
        both(scope.bound, [
          { verb: 'update', group: RBAC, resource: 'clusterroles' },
          { verb: 'patch', group: RBAC, resource: 'clusterroles' },
        ], [{ verb: 'escalate', group: RBAC, resource: 'clusterroles' }]);
      if (cluster) {
        push(all, cluster, 'cluster-wide');
        continue;
      }
      for (const ns of spaces.within(scope)) {
        const d =
          both(scope.bound, [{ verb: 'create', group: RBAC, resource: 'rolebindings', namespace: ns }], [
            // The bind check runs in the namespace of the binding being created, so a
            // RoleBinding can grant bind on a ClusterRole for its namespace only.
            { verb: 'bind', group: RBAC, resource: 'clusterroles', namespace: ns },
            { verb: 'bind', group: RBAC, resource: 'roles', namespace: ns },
          ]) ??
          both(scope.bound, [
            { verb: 'update', group: RBAC, resource: 'roles', namespace: ns },
            { verb: 'patch', group: RBAC, resource: 'roles', namespace: ns },
          ], [{ verb: 'escalate', group: RBAC, resource: 'roles', namespace: ns }]);
        if (d) push(inNamespace.get(ns) ?? [], d, `in ${ns}`);
      }
    }
    return out;
  },
};

function both(bound: readonly Bound[], a: RbacRequest[], b: RbacRequest[]) {
  const x = allowed(bound, a);
  const y = x && allowed(bound, b);
  return x && y ? [x, y] : undefined;
}
