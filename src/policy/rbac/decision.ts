/** An RBAC allow as a decision: the binding, its role and rule, for edges and probes alike. */
import type { Decision } from '../decision.js';
import { grantIn, type Bound, type RbacRequest } from './index.js';

/** The first request of `requests` a subject holding `bound` (its `scopeOf(…).bound` for them) may make, as the edge's decision. */
export function allowed(bound: readonly Bound[], requests: readonly RbacRequest[]): Decision | undefined {
  for (const req of requests) {
    const g = grantIn(bound, req);
    if (g) return { layer: 'rbac', decision: 'allow', policy: g.binding, rule: String(g.rule), reason: `${g.binding} binds ${g.role}${g.builtin ? ` (Kubernetes ${g.builtin} default)` : ''}, whose rule ${g.rule} allows ${describe(req)}` };
  }
  return undefined;
}

export function describe(req: RbacRequest): string {
  const res = `${req.resource}${req.subresource ? `/${req.subresource}` : ''}${req.group ? `.${req.group}` : ''}`;
  return `${req.verb} ${res}${req.name ? ` "${req.name}"` : ''}${req.namespace ? ` in ${req.namespace}` : ' cluster-wide'}`;
}
