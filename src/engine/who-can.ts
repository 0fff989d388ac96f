/**
 * `who-can`: the principals that can make one AWS request, directly or through a chain of
 * assume and escalate hops (PMapper's query habit). Direct holders are decided by the IAM
 * engine; an account's administrator can do anything in it; every other principal can when
 * it reaches a holder over traversable edges.
 */
import { accountOf, adminId } from '../model/aws.js';
import type { LateralGraph } from '../graph/types.js';
import type { PolicyContext } from '../policy/context.js';
import type { Decision } from '../policy/decision.js';
import { iamEngine } from '../policy/iam/index.js';
import type { CompactGraph } from './compact.js';
import { hops } from './analyze.js';
import type { Hop } from './results.js';
import { fastestTimes } from './times.js';

export interface WhoCanEntry {
  principal: string;
  via: 'direct' | 'chain';
  decision: 'allow' | 'conditional';
  /** direct: the statements that allow it */
  decisions: Decision[];
  /** chain: the fastest path to a principal that can, and its minutes */
  path?: Hop[];
  minutes?: number;
}

export interface WhoCanResult {
  action: string;
  resource: string;
  principals: WhoCanEntry[];
}

export function whoCan(graph: LateralGraph, g: CompactGraph, ctx: PolicyContext, action: string, resource: string): WhoCanResult {
  const engine = iamEngine(ctx);
  const direct = new Map<string, WhoCanEntry>();
  for (const p of ctx.model.aws.principals) {
    if (p.kind === 'group') continue;
    const v = engine.can(p.arn, action, resource);
    if (v.decision !== 'deny') direct.set(p.arn, { principal: p.arn, via: 'direct', decision: v.decision, decisions: v.decisions });
  }
  const account = accountOf(resource);
  for (const acct of new Set(ctx.model.aws.principals.map((p) => p.account))) {
    if (account !== '' && account !== acct) continue;
    const admin = adminId(acct);
    if (g.index.has(admin)) direct.set(admin, { principal: admin, via: 'direct', decision: 'allow', decisions: [{ layer: 'iam', decision: 'allow', policy: admin, reason: `the administrator of ${acct} can do anything in it` }] });
  }
  const holders = [...direct.keys()].map((id) => g.index.get(id)!).filter((i) => i !== undefined);
  const out: WhoCanEntry[] = [...direct.values()];
  for (const p of ctx.model.aws.principals) {
    if (p.kind === 'group' || direct.has(p.arn)) continue;
    const s = g.index.get(p.arn);
    if (s === undefined) continue;
    const times = fastestTimes(g, s, g.enforced);
    let best = -1;
    for (const h of holders) if (Number.isFinite(times.dist[h]!) && (best < 0 || times.dist[h]! < times.dist[best]!)) best = h;
    if (best < 0) continue;
    const path = hops(graph, g, times, best);
    const holder = direct.get(g.ids[best]!)!;
    const conditional = holder.decision === 'conditional' || path.some((h) => h.decisions.some((d) => d.decision === 'conditional'));
    out.push({ principal: p.arn, via: 'chain', decision: conditional ? 'conditional' : 'allow', decisions: holder.decisions, path, minutes: times.dist[best]! });
  }
  out.sort((a, b) => (a.via === b.via ? (a.principal < b.principal ? -1 : 1) : a.via === 'direct' ? -1 : 1));
  return { action, resource, principals: out };
}
