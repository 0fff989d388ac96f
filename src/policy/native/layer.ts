/**
 * How a native layer (network or mesh) decides a hop into a workload, once the rules that
 * match the hop are known:
 *  1. an enforcing deny rule denies (an explicit deny always wins, exceptions included);
 *  2. an enforcing allow rule or an exception in force allows;
 *  3. otherwise the destination's default applies: deny when it (or its namespace) is
 *     default-deny for the layer, allow when not — Kubernetes' default.
 * Observe-mode rules and observe-mode default-deny record `observe-deny` and never block.
 */
import type { Mode, Workload } from '../../model/model.js';
import type { PolicyContext } from '../context.js';
import type { Decision } from '../decision.js';

export interface MatchedRule {
  policy: string;
  version?: string;
  mode: Mode;
  rule: string;
  action: 'allow' | 'deny';
  /** Why the rule matches this hop, e.g. "from namespace checkout to app=payments-api on 8080/TCP". */
  why: string;
  /** An exception not in force at the evaluation date, and why: recorded in the reason, grants nothing. */
  inactive?: string;
}

export function decideLayer(layer: 'network' | 'mesh', ctx: PolicyContext, dst: Workload, matched: readonly MatchedRule[], hop: string): Decision[] {
  const isolation = dst.isolation[layer] ?? ctx.namespace(dst.namespace)?.isolation[layer];
  if (matched.length === 0 && isolation === undefined) return [];
  const out: Decision[] = [];
  const decision = (m: MatchedRule, verdict: Decision['decision'], reason: string): Decision => ({
    layer,
    decision: verdict,
    policy: m.policy,
    ...(m.version !== undefined ? { version: m.version } : {}),
    rule: m.rule,
    reason,
  });
  for (const m of matched) {
    if (m.action === 'deny' && m.mode === 'observe') out.push(decision(m, 'observe-deny', `observe-mode deny would block ${hop}: ${m.why}`));
  }
  const deny = matched.find((m) => m.action === 'deny' && m.mode === 'enforce');
  if (deny) {
    out.push(decision(deny, 'deny', `${hop} denied: ${deny.why}`));
    return out;
  }
  const allow = matched.find((m) => m.action === 'allow' && m.mode === 'enforce' && m.inactive === undefined);
  const staged = matched.find((m) => m.action === 'allow' && m.mode === 'observe');
  const inactive = matched.filter((m) => m.inactive !== undefined).map((m) => `${m.policy} (${m.why})`);
  const expiredNote = inactive.length ? `; not in force: ${inactive.join(', ')}` : '';
  const scope = dst.isolation[layer] !== undefined ? dst.id : `namespace ${dst.namespace}`;
  if (allow) {
    out.push(decision(allow, 'allow', `${hop} allowed: ${allow.why}`));
  } else if (isolation === 'enforce') {
    out.push({ layer, decision: 'deny', policy: `default-deny:${scope}`, reason: `${hop} denied: ${scope} is default-deny for ${layer} and no enforcing rule allows it${expiredNote}` });
  } else if (isolation === 'observe' && !staged) {
    out.push({ layer, decision: 'observe-deny', policy: `default-deny:${scope}`, reason: `observe-mode default-deny of ${scope} would block ${hop}: no rule allows it${expiredNote}` });
    out.push({ layer, decision: 'allow', policy: '(default)', reason: `${hop} allowed: ${layer} default-deny of ${scope} is only observed` });
  } else {
    out.push({ layer, decision: 'allow', policy: '(default)', reason: `${hop} allowed: ${dst.id} is not default-deny for ${layer}${expiredNote}` });
  }
  return out;
}
