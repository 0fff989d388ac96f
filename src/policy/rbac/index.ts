/**
 * Kubernetes RBAC as the API server authorizes it ("Using RBAC Authorization"): a request
 * is allowed when some binding of the subject grants a rule matching it. A RoleBinding
 * grants only inside its namespace, even when it references a ClusterRole; a
 * ClusterRoleBinding grants everywhere. Service accounts are also in the groups
 * `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated`. An
 * aggregated ClusterRole holds the rules of every ClusterRole its selectors match.
 */
import type { PolicyRule, Role, RoleBinding, Subject } from '../../model/k8s.js';
import type { PolicyContext } from '../context.js';
import { compileSelector } from '../network-policy/selector.js';

export interface RbacRequest {
  verb: string;
  /** API group: '' for the core group. */
  group: string;
  resource: string;
  subresource?: string;
  /** Absent for cluster-scoped resources. */
  namespace?: string;
  /** Absent for create, list, watch and deletecollection. */
  name?: string;
}

export interface Grant {
  binding: string;
  role: string;
  rule: number;
}

export interface Bound {
  binding: string;
  role: string;
  rules: PolicyRule[];
  /** undefined: every namespace and cluster-scoped resources */
  namespace?: string;
}

interface Index {
  /** subject key (`user:<name>` — a service account's is its username —, `group:<name>`) → what is bound to it */
  bySubject: Map<string, Bound[]>;
  /** identity → the Bound entries of all its subject keys, concatenated on first use (rules ask per identity many times) */
  byIdentity: Map<string, Bound[]>;
}

export function saId(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** The subject keys an identity node matches: itself and its implicit groups. */
export function subjectKeys(identity: string): string[] {
  const sa = identity.match(/^system:serviceaccount:([^:]+):(.+)$/);
  if (sa) return [`user:${identity}`, 'group:system:serviceaccounts', `group:system:serviceaccounts:${sa[1]}`, 'group:system:authenticated'];
  if (identity.startsWith('user:')) return [identity, 'group:system:authenticated'];
  // Root on a node holds the kubelet's credentials: user system:node:<name> in group system:nodes.
  if (identity.startsWith('node:')) return [`user:system:node:${identity.slice('node:'.length)}`, 'group:system:nodes', 'group:system:authenticated'];
  return [];
}

function subjectKey(s: Subject, bindingNamespace: string | undefined): string {
  if (s.kind === 'ServiceAccount') return `user:${saId(s.namespace ?? bindingNamespace ?? 'default', s.name)}`;
  return `${s.kind === 'User' ? 'user' : 'group'}:${s.name}`;
}

function roleRules(roles: readonly Role[]): Map<string, Role & { effective: PolicyRule[] }> {
  const byKey = new Map(roles.map((r) => [r.kind === 'Role' ? `Role:${r.namespace}/${r.name}` : `ClusterRole:${r.name}`, { ...r, effective: r.rules }]));
  const clusterRoles = roles.filter((r) => r.kind === 'ClusterRole');
  for (const r of byKey.values()) {
    if (!r.aggregationRule) continue;
    const selectors = r.aggregationRule.clusterRoleSelectors.map(compileSelector);
    const members = clusterRoles.filter((c) => c.name !== r.name && selectors.some((s) => s(c.labels))).sort((a, b) => (a.name < b.name ? -1 : 1));
    r.effective = [...r.rules, ...members.flatMap((c) => c.rules)];
  }
  return byKey;
}

function buildIndex(ctx: PolicyContext): Index {
  const roles = roleRules(ctx.model.k8s.roles);
  const bySubject = new Map<string, Bound[]>();
  const sorted = [...ctx.model.k8s.bindings].sort((a, b) => (bindingId(a) < bindingId(b) ? -1 : 1));
  for (const b of sorted) {
    const roleKey = b.roleRef.kind === 'Role' ? `Role:${b.namespace}/${b.roleRef.name}` : `ClusterRole:${b.roleRef.name}`;
    const role = roles.get(roleKey);
    // A binding to a role the inputs do not hold grants nothing we can see.
    if (!role) continue;
    const bound: Bound = { binding: bindingId(b), role: roleKey, rules: role.effective, ...(b.kind === 'RoleBinding' ? { namespace: b.namespace ?? 'default' } : {}) };
    for (const s of b.subjects) {
      const key = subjectKey(s, b.namespace);
      bySubject.set(key, [...(bySubject.get(key) ?? []), bound]);
    }
  }
  return { bySubject, byIdentity: new Map() };
}

function bindingId(b: RoleBinding): string {
  return b.kind === 'RoleBinding' ? `${b.namespace ?? 'default'}/${b.name}` : b.name;
}

function rbac(ctx: PolicyContext): Index {
  return ctx.memo('rbac', () => buildIndex(ctx));
}

/** What is bound to `identity` and its implicit groups, in the order `can` tries it. */
export function boundTo(ctx: PolicyContext, identity: string): readonly Bound[] {
  const index = rbac(ctx);
  let bound = index.byIdentity.get(identity);
  if (!bound) {
    bound = subjectKeys(identity).flatMap((key) => index.bySubject.get(key) ?? []);
    index.byIdentity.set(identity, bound);
  }
  return bound;
}

/** How `identity` (a service account id or `user:<name>`) may make `req`, or undefined. */
export function can(ctx: PolicyContext, identity: string, req: RbacRequest): Grant | undefined {
  return grantIn(boundTo(ctx, identity), req);
}

/** The first grant for `req` among `bound` (bindings in order, then their rules in order). */
export function grantIn(bound: readonly Bound[], req: RbacRequest): Grant | undefined {
  for (const b of bound) {
    if (b.namespace !== undefined && b.namespace !== req.namespace) continue;
    const i = b.rules.findIndex((r) => ruleMatches(r, req));
    if (i >= 0) return { binding: b.binding, role: b.role, rule: i };
  }
  return undefined;
}

function ruleMatches(r: PolicyRule, req: RbacRequest): boolean {
  if (!shapeMatches(r, req)) return false;
  // resourceNames restrict a rule to named objects: a request without a name never matches.
  return r.resourceNames.length === 0 || (req.name !== undefined && r.resourceNames.includes(req.name));
}

/** Whether `r` covers the verb, group and resource of `req`, whatever its namespace and name. */
export function shapeMatches(r: PolicyRule, req: RbacRequest): boolean {
  if (!r.verbs.includes('*') && !r.verbs.includes(req.verb)) return false;
  if (!r.apiGroups.includes('*') && !r.apiGroups.includes(req.group)) return false;
  return r.resources.some((res) => resourceMatches(res, req));
}

/** `*` matches every resource and subresource; `pods/*` every subresource of pods; `*\/exec` exec of anything. */
function resourceMatches(rule: string, req: RbacRequest): boolean {
  if (rule === '*') return true;
  const full = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  if (rule === full) return true;
  if (!req.subresource) return false;
  return rule === `${req.resource}/*` || rule === `*/${req.subresource}`;
}
