/**
 * Policies that enforce nothing, one check per file. A policy in a namespace that does not
 * exist gets only that warning: it is the cause, and the others (it selects no pod) follow.
 */
import type { PolicyContext } from '../context.js';
import { inertAuthorizationPolicies } from './authz.js';
import { missingNamespaces } from './missing-namespace.js';
import { inertNetworkPolicies } from './netpol.js';
import { inertPeerAuthentications } from './peer-auth.js';
import type { InertPolicyWarning } from './warning.js';

export type { InertPolicyCode, InertPolicyWarning } from './warning.js';

const CHECKS: readonly ((ctx: PolicyContext) => InertPolicyWarning[])[] = [missingNamespaces, inertNetworkPolicies, inertAuthorizationPolicies, inertPeerAuthentications];

const key = (w: InertPolicyWarning) => `${w.policy.kind}\u0000${w.policy.namespace}\u0000${w.policy.name}`;

/** Every inert policy of the model, sorted by policy kind, namespace and name, then check. */
export function inertPolicies(ctx: PolicyContext): InertPolicyWarning[] {
  const missing = new Set<string>();
  const out: InertPolicyWarning[] = [];
  for (const check of CHECKS) {
    for (const w of check(ctx)) {
      if (w.kind === 'missing-namespace') missing.add(key(w));
      else if (missing.has(key(w))) continue;
      out.push(w);
    }
  }
  return out.sort((a, b) => cmp(key(a), key(b)) || cmp(a.kind, b.kind));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
