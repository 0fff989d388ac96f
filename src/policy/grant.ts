/** One identity-to-resource decision (`{ from, action, resource }` probes, grant edges). */
import type { PolicyContext } from './context.js';
import type { Decision } from './decision.js';
import { decideIam } from './iam/index.js';
import { decideNativeGrant } from './native/grant.js';
import { decideRbacGrant } from './rbac/grant.js';

export interface GrantRequest {
  identity: string;
  action: string;
  resource: string;
}

export type GrantDecider = (ctx: PolicyContext, req: GrantRequest) => Decision[];

/** Every engine that may decide a grant; each returns nothing when it does not apply. */
export const GRANT_DECIDERS: readonly GrantDecider[] = [decideNativeGrant, decideIam, decideRbacGrant];

export function decideGrant(ctx: PolicyContext, req: GrantRequest): Decision[] {
  const decisions = GRANT_DECIDERS.flatMap((decide) => decide(ctx, req));
  if (decisions.length === 0) {
    return [{ layer: 'identity', decision: 'deny', policy: '(default)', reason: `nothing grants ${req.identity} ${req.action} on ${req.resource}` }];
  }
  return decisions;
}
