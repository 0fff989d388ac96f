/** What the RBAC rules share: who can act, where, and the decision naming the binding. */
import type { Model } from '../../model/model.js';
import type { PolicyContext } from '../../policy/context.js';
import type { Decision } from '../../policy/decision.js';
import { can, type RbacRequest } from '../../policy/rbac/index.js';

/** Who RBAC can authorize: service accounts, `user:<name>` humans, and nodes (their kubelet). */
export function rbacSubjects(model: Model): string[] {
  return [
    ...model.identities.filter((i) => i.kind === 'service-account' || i.id.startsWith('user:')).map((i) => i.id),
    ...model.resources.filter((r) => r.type === 'node').map((r) => r.id),
  ];
}

export function namespaces(model: Model): string[] {
  return model.namespaces.map((n) => n.name).sort();
}

/** The first request of `requests` the subject may make, as the edge's decision. */
export function allowed(ctx: PolicyContext, subject: string, requests: readonly RbacRequest[]): Decision | undefined {
  for (const req of requests) {
    const g = can(ctx, subject, req);
    if (g) return { layer: 'rbac', decision: 'allow', policy: g.binding, rule: g.rule, reason: `${g.binding} binds ${g.role}, whose rule ${g.rule} allows ${describe(req)}` };
  }
  return undefined;
}

export function describe(req: RbacRequest): string {
  const res = `${req.resource}${req.subresource ? `/${req.subresource}` : ''}${req.group ? `.${req.group}` : ''}`;
  return `${req.verb} ${res}${req.name ? ` "${req.name}"` : ''}${req.namespace ? ` in ${req.namespace}` : ' cluster-wide'}`;
}
