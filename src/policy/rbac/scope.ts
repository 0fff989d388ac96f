/**
 * Where a subject's RBAC can possibly grant a family of requests, so the attack rules ask
 * `grantIn` only about the objects it can reach instead of about every object in the cluster.
 */
import type { PolicyContext } from '../context.js';
import { boundTo, shapeMatches, type Bound, type RbacRequest } from './index.js';

export interface Scope {
  /**
   * The subject's Bound entries with a rule covering one of the shapes, in `can`'s order.
   * The others cannot grant such a request, so `grantIn` over these returns what `can` does.
   */
  bound: Bound[];
  /** The namespaces a grant can be in; undefined when a ClusterRoleBinding grants everywhere. */
  namespaces?: Set<string>;
  /** The object names a grant can be for; undefined when a rule without resourceNames grants any name, or none. */
  names?: Set<string>;
}

/** `shapes`: the requests' verb, group, resource and subresource (namespace and name are ignored). */
export function scopeOf(ctx: PolicyContext, identity: string, shapes: readonly RbacRequest[]): Scope {
  const bound: Bound[] = [];
  let namespaces: Set<string> | undefined = new Set();
  let names: Set<string> | undefined = new Set();
  for (const b of boundTo(ctx, identity)) {
    const rules = b.rules.filter((r) => shapes.some((s) => shapeMatches(r, s)));
    if (rules.length === 0) continue;
    bound.push(b);
    if (b.namespace === undefined) namespaces = undefined;
    else namespaces?.add(b.namespace);
    for (const r of rules) {
      if (r.resourceNames.length === 0) names = undefined;
      else for (const n of r.resourceNames) names?.add(n);
    }
  }
  return { bound, ...(namespaces ? { namespaces } : {}), ...(names ? { names } : {}) };
}
