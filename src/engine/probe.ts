import type { LateralGraph } from '../graph/types.js';
import { resolveNode } from '../graph/ids.js';
import { resolveNodeRef, resolveRef } from '../graph/resolve.js';
import type { Probe } from '../model/probe-schema.js';
import type { PolicyContext } from '../policy/context.js';
import { blocks, type Decision } from '../policy/decision.js';
import { decideGrant } from '../policy/grant.js';
import { iamEngine } from '../policy/iam/index.js';
import { decideHop, resolvePort, type Endpoint } from '../policy/hop.js';
import { UsageError } from '../model/errors.js';
import type { CompactGraph } from './compact.js';
import { addressEntries } from './address-entries.js';
import { reachFrom } from './reach.js';
import { fastestTimes } from './times.js';
import { hops, nearest } from './analyze.js';

export type ProbeVerdict = 'allow' | 'deny' | 'reach' | 'no-reach';

export interface ProbeReason {
  layer: string;
  decision: string;
  policy: string;
  version?: string;
  rule?: string;
  reason: string;
}

export type ProbeResult = Probe & { verdict: ProbeVerdict; pass: boolean | null; reasons: ProbeReason[] };

export interface ProbeEnv {
  graph: LateralGraph;
  g: CompactGraph;
  ctx: PolicyContext;
  strictConditions?: boolean;
  /** Every service reached over the network is taken to be exploitable (`--pivot`). */
  pivot?: boolean;
}

/** Answers one probe; `pass` is null when the probe states no expectation. */
export function runProbe(env: ProbeEnv, p: Probe): ProbeResult {
  if (p.action !== undefined && p.resource !== undefined) return grantProbe(env, p, p.action, p.resource);
  if (p.reach !== undefined || p.port === undefined) return reachProbe(env, p);
  return hopProbe(env, p);
}

function reasons(decisions: readonly Decision[]): ProbeReason[] {
  return decisions.map((d) => ({ layer: d.layer, decision: d.decision, policy: d.policy, ...(d.version !== undefined ? { version: d.version } : {}), ...(d.rule !== undefined ? { rule: d.rule } : {}), reason: d.reason }));
}

function judged(p: Probe, verdict: ProbeVerdict): boolean | null {
  if (p.reach !== undefined) return p.reach === (verdict === 'reach');
  return p.expect === undefined ? null : p.expect === verdict;
}

function hopProbe(env: ProbeEnv, p: Probe): ProbeResult {
  const from = endpoint(env, p.from);
  const to = endpoint(env, p.to!);
  const { port, protocol } = resolvePort(to, p.port!, p.protocol);
  const decisions = decideHop(env.ctx, { from, to, port, protocol, ...(p.method ? { method: p.method } : {}), ...(p.path ? { path: p.path } : {}) });
  const verdict: ProbeVerdict = decisions.some((d) => blocks(d, env.strictConditions)) ? 'deny' : 'allow';
  return { ...p, verdict, pass: judged(p, verdict), reasons: reasons(decisions) };
}

function grantProbe(env: ProbeEnv, p: Probe, action: string, resource: string): ProbeResult {
  const identity = resolveNodeRef(env.graph, env.ctx.model, p.from);
  const target = env.graph.hasNode(resource) ? resource : tryResolve(env.graph, resource) ?? resource;
  const decisions = decideGrant(env.ctx, { identity, action, resource: target });
  const verdict: ProbeVerdict = decisions.some((d) => blocks(d, env.strictConditions)) || !decisions.some((d) => d.decision !== 'deny') ? 'deny' : 'allow';
  return { ...p, verdict, pass: judged(p, verdict), reasons: reasons(decisions) };
}

function reachProbe(env: ProbeEnv, p: Probe): ProbeResult {
  const { g } = env;
  const target = tryResolve(env.graph, p.to!) ?? awsResourceNode(env.graph, p.to!);
  if (target === undefined && p.to!.startsWith('arn:') && env.ctx.model.aws.principals.length > 0) return arnReachProbe(env, p);
  const to = g.index.get(target ?? resolveNodeRef(env.graph, env.ctx.model, p.to!))!;
  const from = resolveRef(env.graph, env.ctx.model, p.from);
  const sources = from.kind === 'address' ? addressEntries(g, env.ctx, from.cidr, env).filter((e) => e.allowed).map((e) => e.source) : [g.index.get(from.id)!];
  const reached = reachFrom(g, sources, g.enforced);
  const verdict: ProbeVerdict = reached[to] || reached[g.n + to] ? 'reach' : 'no-reach';
  return { ...p, verdict, pass: judged(p, verdict), reasons: reasons(pathReasons(env, sources, to, verdict === 'reach')) };
}

/**
 * Why a reachability probe came out as it did: the decisions along the fastest enforced
 * path when reached; otherwise the denies that cut the fastest baseline path.
 */
function pathReasons(env: ProbeEnv, sources: readonly number[], to: number, reached: boolean): Decision[] {
  const { g } = env;
  for (const source of sources) {
    const times = fastestTimes(g, source, reached ? g.enforced : g.baseline);
    const at = nearest(g, times, to);
    if (at < 0) continue;
    const decisions = hops(env.graph, g, times, at).flatMap((h) => h.decisions);
    return reached ? decisions.filter((d) => d.policy !== '(default)') : decisions.filter((d) => blocks(d, env.strictConditions));
  }
  return [];
}

/** An S3 object ARN is reached with its bucket's node. */
function awsResourceNode(graph: LateralGraph, ref: string): string | undefined {
  const bucket = ref.match(/^(arn:aws[a-z-]*:s3:::[^/]+)\//)?.[1];
  return bucket && graph.hasNode(bucket) ? bucket : undefined;
}

/**
 * Reach of an AWS resource that is no node (named by no policy as such): reached when some
 * principal the source controls may act on it, or the source reaches an administrator.
 */
function arnReachProbe(env: ProbeEnv, p: Probe): ProbeResult {
  const { g } = env;
  const source = g.index.get(resolveNodeRef(env.graph, env.ctx.model, p.from))!;
  const reached = reachFrom(g, [source], env.g.enforced);
  const engine = iamEngine(env.ctx);
  const account = p.to!.split(':')[4] ?? '';
  for (let v = 0; v < g.n; v++) {
    if (!reached[v]) continue;
    const id = g.ids[v]!;
    if (/^arn:aws[a-z-]*:iam::\d{12}:root$/.test(id) && (account === '' || id.includes(`::${account}:`))) {
      return { ...p, verdict: 'reach', pass: judged(p, 'reach'), reasons: [{ layer: 'iam', decision: 'allow', policy: id, reason: `${p.from} reaches ${id}, which can do anything in its account` }] };
    }
    if (!engine.principals.has(id)) continue;
    const verdict = engine.anyAction(id, p.to!);
    if (verdict.decision === 'deny' || (env.strictConditions && verdict.decision === 'conditional')) continue;
    return { ...p, verdict: 'reach', pass: judged(p, 'reach'), reasons: reasons(verdict.decisions) };
  }
  return { ...p, verdict: 'no-reach', pass: judged(p, 'no-reach'), reasons: [] };
}

function endpoint(env: ProbeEnv, ref: string): Endpoint {
  const r = resolveRef(env.graph, env.ctx.model, ref);
  if (r.kind === 'address') return { ip: r.cidr };
  const workload = env.ctx.workload(r.id);
  if (!workload) throw new UsageError(`"${ref}" is not a workload or an IP address: a network hop needs one at each end`);
  return { workload };
}

function tryResolve(graph: LateralGraph, ref: string): string | undefined {
  try {
    return resolveNode(graph, ref);
  } catch {
    return undefined;
  }
}
