import type { Grant } from '../../model/native.js';
import type { PolicyContext } from '../context.js';
import type { Decision } from '../decision.js';
import type { GrantRequest } from '../grant.js';

/** Native grants and grant exceptions: identity → resource for a list of actions (`*` globs, case-insensitive). */
export function decideNativeGrant(ctx: PolicyContext, req: GrantRequest): Decision[] {
  const applies = (g: Grant) => g.identity === req.identity && g.resource === req.resource && g.actions.some((a) => actionMatches(a, req.action));
  const grantIndex = ctx.model.native.grants.findIndex(applies);
  if (grantIndex >= 0) {
    return [{ layer: 'identity', decision: 'allow', policy: 'grants', rule: String(grantIndex), reason: `${req.identity} is granted ${req.action} on ${req.resource}` }];
  }
  const decisions: Decision[] = [];
  for (const e of ctx.model.native.exceptions) {
    if (!e.grant || !applies(e.grant)) continue;
    const inactive = ctx.inactive(e);
    decisions.push({
      layer: 'identity',
      decision: inactive ? 'deny' : 'allow',
      policy: `exception:${e.name}`,
      reason: `exception owned by ${e.owner} (${e.reason}) ${inactive ? `${inactive}: grants nothing` : `grants ${req.action} until ${e.expires}`}`,
    });
  }
  const allowed = decisions.find((d) => d.decision === 'allow');
  return allowed ? [allowed] : decisions;
}

export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}
