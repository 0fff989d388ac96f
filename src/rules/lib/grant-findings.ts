import type { Model } from '../../model/model.js';
import type { Grant } from '../../model/native.js';
import type { PolicyContext } from '../../policy/context.js';
import type { Finding } from '../rule.js';

/**
 * Native grants and grant exceptions as edges, for resources whose type `want` accepts.
 * An exception not in force (expired, or not yet created) still yields an edge, denied, so `explain` can say why.
 */
export function grantFindings(model: Model, ctx: PolicyContext, want: (type: string) => boolean): Finding[] {
  const types = new Map(model.resources.map((r) => [r.id, r.type]));
  const wanted = (g: Grant) => want(types.get(g.resource) ?? '');
  const out: Finding[] = [];
  model.native.grants.forEach((g, i) => {
    if (!wanted(g)) return;
    out.push({
      from: g.identity,
      to: g.resource,
      actions: g.actions,
      reason: `${g.identity} is granted ${g.actions.join(', ')} on ${g.resource}`,
      decisions: [{ layer: 'identity', decision: 'allow', policy: 'grants', rule: String(i), reason: `grant ${i} allows ${g.actions.join(', ')}` }],
    });
  });
  for (const e of model.native.exceptions) {
    if (!e.grant || !wanted(e.grant)) continue;
    const inactive = ctx.inactive(e);
    out.push({
      from: e.grant.identity,
      to: e.grant.resource,
      actions: e.grant.actions,
      reason: `exception ${e.name} grants ${e.grant.identity} ${e.grant.actions.join(', ')} on ${e.grant.resource}`,
      decisions: [
        {
          layer: 'identity',
          decision: inactive ? 'deny' : 'allow',
          policy: `exception:${e.name}`,
          reason: `exception owned by ${e.owner} (${e.reason}) ${inactive ?? `until ${e.expires}`}`,
        },
      ],
    });
  }
  return out;
}
