/** Builders for RBAC objects in tests. */
import type { PolicyRule, Role, RoleBinding, Subject } from '../../src/model/k8s.js';
import type { Model } from '../../src/model/model.js';

export function rule(verbs: string[], resources: string[], o: Partial<PolicyRule> = {}): PolicyRule {
  return { apiGroups: [''], resources, verbs, resourceNames: [], nonResourceURLs: [], ...o };
}

export function role(m: Model, ref: string, rules: PolicyRule[], o: Partial<Role> = {}): void {
  const [ns, name] = ref.includes('/') ? ref.split('/') : [undefined, ref];
  m.k8s.roles.push({ kind: ns ? 'Role' : 'ClusterRole', ...(ns ? { namespace: ns } : {}), name: name!, rules, labels: {}, ...o });
}

/** `ns/name` makes a RoleBinding, a bare name a ClusterRoleBinding; `roleRef` `ClusterRole:x` or `Role:x`. */
export function bind(m: Model, ref: string, roleRef: string, subjects: Subject[]): void {
  const [ns, name] = ref.includes('/') ? ref.split('/') : [undefined, ref];
  // Split at the first colon only: default role names hold colons (ClusterRole:system:node).
  const kind = roleRef.slice(0, roleRef.indexOf(':')) as 'Role' | 'ClusterRole';
  const roleName = roleRef.slice(roleRef.indexOf(':') + 1);
  const b: RoleBinding = { kind: ns ? 'RoleBinding' : 'ClusterRoleBinding', ...(ns ? { namespace: ns } : {}), name: name!, roleRef: { kind, name: roleName }, subjects };
  m.k8s.bindings.push(b);
}

export function sa(ns: string, name: string): Subject {
  return { kind: 'ServiceAccount', name, namespace: ns };
}

export function serviceAccount(m: Model, ns: string, name: string): string {
  const id = `system:serviceaccount:${ns}:${name}`;
  m.identities.push({ id, name, kind: 'service-account' });
  return id;
}

export function secret(m: Model, ns: string, name: string, holds: string[] = []): string {
  const id = `secret:${ns}/${name}`;
  m.resources.push({ id, name, type: 'secret', namespace: ns, holds });
  return id;
}
