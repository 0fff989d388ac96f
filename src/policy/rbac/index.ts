/**
 * Kubernetes RBAC as the API server authorizes it ("Using RBAC Authorization"): a request
 * is allowed when some binding of the subject grants a rule matching it. A RoleBinding
 * grants only inside its namespace, even when it references a ClusterRole; a
 * ClusterRoleBinding grants everywhere. Service accounts are also in the groups
 * `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated`. An
 * aggregated ClusterRole holds the rules of every ClusterRole its selectors match. A binding
 * may refer to a default ClusterRole of the API server (cluster-admin, view, system:node…)
 * that the inputs do not define: those are built in, per Kubernetes version.
 */
import type { PolicyRule, Role, RoleBinding, Subject } from '../../model/k8s.js';
import type { PolicyContext } from '../context.js';
import { aggregate } from './aggregate.js';
import { bootstrapRoles, DEFAULT_K8S_VERSION } from './bootstrap/index.js';

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
  /** set when the role is a built-in default: the Kubernetes version it is from */
  builtin?: string;
}

export interface Bound {
  binding: string;
  role: string;
  rules: PolicyRule[];
  /** undefined: every namespace and cluster-scoped resources */
  namespace?: string;
  /** set when the role is a built-in default: the Kubernetes version it is from */
  builtin?: string;
}

/** A binding whose role neither the inputs nor the built-in defaults hold: it grants nothing. */
export interface Unresolved {
  /** `<ns>/<name>` for a RoleBinding, `<name>` for a ClusterRoleBinding */
  binding: string;
  kind: RoleBinding['kind'];
  /** the role it refers to, `Role:<ns>/<name>` or `ClusterRole:<name>` */
  role: string;
}

interface Index {
  /** subject key (`user:<name>` — a service account's is its username —, `group:<name>`) → what is bound to it */
  bySubject: Map<string, Bound[]>;
  /** identity → the Bound entries of all its subject keys, concatenated on first use (rules ask per identity many times) */
  byIdentity: Map<string, Bound[]>;
  unresolved: Unresolved[];
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

interface Resolved {
  rules: PolicyRule[];
  /** the Kubernetes version whose default role this is; absent for roles of the inputs */
  builtin?: string;
}

/**
 * Roles by key (`Role:<ns>/<name>`, `ClusterRole:<name>`) with their effective rules: the
 * inputs' roles, and the default ClusterRoles of the Kubernetes version the inputs do not
 * define (a ClusterRole of the inputs replaces the default of its name entirely).
 */
function resolveRoles(inputs: readonly Role[], version: string): Map<string, Resolved> {
  const defined = new Set(inputs.filter((r) => r.kind === 'ClusterRole').map((r) => r.name));
  const builtins = bootstrapRoles(version).filter((r) => !defined.has(r.name));
  const clusterRoles = [...inputs.filter((r) => r.kind === 'ClusterRole'), ...builtins];
  const effective = aggregate(clusterRoles);
  const byKey = new Map<string, Resolved>();
  for (const r of builtins) byKey.set(`ClusterRole:${r.name}`, { rules: effective.get(r.name) ?? r.rules, builtin: version });
  for (const r of inputs) byKey.set(r.kind === 'Role' ? `Role:${r.namespace}/${r.name}` : `ClusterRole:${r.name}`, { rules: (r.kind === 'ClusterRole' ? effective.get(r.name) : undefined) ?? r.rules });
  return byKey;
}

function buildIndex(ctx: PolicyContext): Index {
  const roles = resolveRoles(ctx.model.k8s.roles, ctx.options.k8sVersion ?? DEFAULT_K8S_VERSION);
  const bySubject = new Map<string, Bound[]>();
  const unresolved: Unresolved[] = [];
  const sorted = [...ctx.model.k8s.bindings].sort((a, b) => (bindingId(a) < bindingId(b) ? -1 : 1));
  for (const b of sorted) {
    const roleKey = b.roleRef.kind === 'Role' ? `Role:${b.namespace}/${b.roleRef.name}` : `ClusterRole:${b.roleRef.name}`;
    const role = roles.get(roleKey);
    if (!role) {
      unresolved.push({ binding: bindingId(b), kind: b.kind, role: roleKey });
      continue;
    }
    const bound: Bound = {
      binding: bindingId(b),
      role: roleKey,
      rules: role.rules,
      ...(b.kind === 'RoleBinding' ? { namespace: b.namespace ?? 'default' } : {}),
      ...(role.builtin ? { builtin: role.builtin } : {}),
    };
    for (const s of b.subjects) {
      const key = subjectKey(s, b.namespace);
      const list = bySubject.get(key);
      if (list) list.push(bound);
      else bySubject.set(key, [bound]);
    }
  }
  return { bySubject, byIdentity: new Map(), unresolved };
}

function bindingId(b: RoleBinding): string {
  return b.kind === 'RoleBinding' ? `${b.namespace ?? 'default'}/${b.name}` : b.name;
}

function rbac(ctx: PolicyContext): Index {
  return ctx.memo('rbac', () => buildIndex(ctx));
}

/** The bindings to a role that is neither in the inputs nor built in, by binding id. */
export function unresolvedBindings(ctx: PolicyContext): readonly Unresolved[] {
  return rbac(ctx).unresolved;
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
    if (i >= 0) return { binding: b.binding, role: b.role, rule: i, ...(b.builtin ? { builtin: b.builtin } : {}) };
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
