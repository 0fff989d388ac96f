import type { MeshRule } from '../../model/native.js';
import type { PolicyContext } from '../context.js';
import type { Decision } from '../decision.js';
import type { HopRequest } from '../hop.js';
import { endpointName } from '../hop.js';
import { decideLayer, type MatchedRule } from './layer.js';
import { describeSelector, portsMatch, selects } from './select.js';

/**
 * Native mesh layer: identity → service authorization, optionally narrowed to methods and
 * paths. A hop without a method or path is matched by a rule that names some: the
 * attacker may use the methods the rule allows, and the reason says which.
 */
export function decideNativeMesh(ctx: PolicyContext, req: HopRequest): Decision[] {
  if (!('workload' in req.to)) return [];
  const dst = req.to.workload;
  const callers = 'workload' in req.from ? req.from.workload.identities : [];
  const matches = (r: MeshRule) =>
    selects(r.to, dst) &&
    (r.fromAny || r.from.some((id) => callers.includes(id))) &&
    portsMatch(r.ports, req.port, req.protocol) &&
    (req.method === undefined || r.methods.length === 0 || r.methods.some((m) => m.toUpperCase() === req.method!.toUpperCase())) &&
    (req.path === undefined || r.paths.length === 0 || r.paths.some((p) => pathMatches(p, req.path!)));
  const why = (r: MeshRule) => {
    const who = r.fromAny ? 'any caller' : r.from.filter((id) => callers.includes(id)).join(', ') || r.from.join(', ');
    const what = [r.methods.join('|'), r.paths.join('|')].filter(Boolean).join(' ');
    return `${who} may call ${describeSelector(r.to)}${what ? ` (${what} only)` : ''}`;
  };
  const matched: MatchedRule[] = [];
  for (const p of ctx.model.native.policies) {
    if (p.layer !== 'mesh') continue;
    p.mesh.forEach((r, i) => {
      if (matches(r)) matched.push({ policy: p.name, version: p.version, mode: p.mode, rule: String(i), action: r.action, why: why(r) });
    });
  }
  for (const e of ctx.model.native.exceptions) {
    if (e.mesh && matches(e.mesh)) {
      const inactive = ctx.inactive(e);
      matched.push({ policy: `exception:${e.name}`, mode: 'enforce', rule: '0', action: 'allow', ...(inactive ? { inactive } : {}), why: `${why(e.mesh)} (exception owned by ${e.owner}, ${inactive ?? `expires ${e.expires}`}: ${e.reason})` });
    }
  }
  return decideLayer('mesh', ctx, dst, matched, `${endpointName(req.from)} → ${dst.id}:${req.port}/${req.protocol}`);
}

/** Exact, or a prefix ending in `*`. */
function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}
