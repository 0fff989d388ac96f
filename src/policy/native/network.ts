import type { NetworkRule } from '../../model/native.js';
import type { PolicyContext } from '../context.js';
import type { Decision } from '../decision.js';
import type { HopRequest } from '../hop.js';
import { endpointName } from '../hop.js';
import { decideLayer, type MatchedRule } from './layer.js';
import { describeSelector, isEmptySelector, portsMatch, selects } from './select.js';

/** Native network layer: selector → selector allow/deny rules on ports, plus network exceptions. */
export function decideNativeNetwork(ctx: PolicyContext, req: HopRequest): Decision[] {
  if (!('workload' in req.to)) return [];
  const dst = req.to.workload;
  const matches = (r: NetworkRule) =>
    selects(r.to, dst) &&
    ('workload' in req.from ? selects(r.from, req.from.workload) : isEmptySelector(r.from)) &&
    portsMatch(r.ports, req.port, req.protocol);
  const why = (r: NetworkRule) => `from ${describeSelector(r.from)} to ${describeSelector(r.to)} on ${r.ports.length ? r.ports.map((p) => `${p.port}${p.endPort ? `-${p.endPort}` : ''}/${p.protocol}`).join(',') : 'any port'}`;
  const matched: MatchedRule[] = [];
  for (const p of ctx.model.native.policies) {
    if (p.layer !== 'network') continue;
    p.network.forEach((r, i) => {
      if (matches(r)) matched.push({ policy: p.name, version: p.version, mode: p.mode, rule: String(i), action: r.action, why: why(r) });
    });
  }
  for (const e of ctx.model.native.exceptions) {
    if (e.network && matches(e.network)) {
      const inactive = ctx.inactive(e);
      matched.push({ policy: `exception:${e.name}`, mode: 'enforce', rule: '0', action: 'allow', ...(inactive ? { inactive } : {}), why: `${why(e.network)} (exception owned by ${e.owner}, ${inactive ?? `expires ${e.expires}`}: ${e.reason})` });
    }
  }
  return decideLayer('network', ctx, dst, matched, `${endpointName(req.from)} → ${dst.id}:${req.port}/${req.protocol}`);
}
