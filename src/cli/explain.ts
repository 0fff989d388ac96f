import type { CommandModule } from 'yargs';
import { connectHop, edgeHop, hops, nearest } from '../engine/analyze.js';
import { addressEntries } from '../engine/address-entries.js';
import { CONNECT_COST, type CompactGraph } from '../engine/compact.js';
import { connectEdges } from '../engine/connect/hop.js';
import type { AttackPath, Hop } from '../engine/results.js';
import { fastestTimes } from '../engine/times.js';
import { resolveNodeRef, resolveRef } from '../graph/resolve.js';
import { UsageError } from '../model/errors.js';
import type { Protocol } from '../model/model.js';
import type { ExplainResult } from '../output/explain-result.js';
import { renderExplain } from '../output/text.js';
import { blocks } from '../policy/decision.js';
import { decideHop, resolvePort, type Endpoint } from '../policy/hop.js';
import { rule as connectRule } from '../rules/connect.js';
import { load, printJson, printText, withCommon, type CommonArgs, type Loaded } from './common.js';

export interface ExplainArgs extends CommonArgs {
  from: string;
  to: string;
  port?: string;
  protocol?: Protocol;
  method?: string;
  path?: string;
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain <inputs..>',
  describe: 'why a hop is allowed or denied, layer by layer; or the attack path between two nodes',
  builder: (y) =>
    withCommon(y)
      .option('from', { describe: 'source: a node id, unique name, Service ns/name, mesh identity, IP/CIDR or internet', type: 'string', demandOption: true })
      .option('to', { describe: 'destination: a node id, unique name, Service ns/name or mesh identity', type: 'string', demandOption: true })
      .option('port', { describe: 'decide this one network hop: destination container port, by number or name', type: 'string' })
      .option('protocol', { choices: ['TCP', 'UDP', 'SCTP'] as const, describe: 'protocol of the hop' })
      .option('method', { describe: 'HTTP method of the request, for mesh rules that match methods (default: the attacker picks)', type: 'string' })
      .option('path', { describe: 'HTTP path of the request, for mesh rules that match paths (default: the attacker picks)', type: 'string' })
      .example('$0 explain topologies/k8s-demo --from web/frontend --to payments/payments-api --port http --method POST --path /charge', 'one HTTP request through NetworkPolicy and Istio')
      .example('$0 explain topologies/demo-shop --from storefront/frontend --to checkout/checkout-api --port 8080', 'one hop, every layer')
      .example('$0 explain topologies/demo-shop --from ci-deployer --to customer-backups', 'the attack path, or what blocks it')
      .example('$0 explain topologies/k8s-demo --from internet --to payments/card-db --pivot', 'from outside: every port the internet can open') as never,
  handler: async (args) => {
    const env = await load(args);
    const result = explain(env, args);
    if (args.json) printJson('explain', result, env.warnings);
    else printText(renderExplain(result));
  },
};

/** What `explain` answers (its `--json` is this, with `format` and warnings). */
export function explain(env: Loaded, args: ExplainArgs): ExplainResult {
  const { graph } = env.built;
  const { g } = env;
  if (args.port !== undefined) {
    const ep = (ref: string): Endpoint => {
      const r = resolveRef(graph, env.model, ref);
      if (r.kind === 'address') return { ip: r.cidr };
      const w = env.built.ctx.workload(r.id);
      if (!w) throw new UsageError(`"${ref}" is not a workload or IP address: --port explains network hops`);
      return { workload: w };
    };
    const from = ep(args.from);
    const to = ep(args.to);
    const { port, protocol } = resolvePort(to, args.port, args.protocol);
    const decisions = decideHop(env.built.ctx, { from, to, port, protocol, ...(args.method ? { method: args.method } : {}), ...(args.path ? { path: args.path } : {}) });
    const name = (e: Endpoint, ref: string) => ('workload' in e ? e.workload.id : ref);
    return { from: name(from, args.from), to: name(to, args.to), hop: { port, protocol, verdict: decisions.some((d) => blocks(d, args['strict-conditions'])) ? 'deny' : 'allow', decisions }, edges: [] };
  }
  const ref = resolveRef(graph, env.model, args.from);
  const to = resolveNodeRef(graph, env.model, args.to);
  if (ref.kind === 'address') return explainFromAddress(env, args, ref.cidr, to);
  const from = ref.id;
  const s = g.index.get(from)!;
  const t = g.index.get(to)!;
  const edges = [];
  for (const e of connectEdges(g, s, t)) edges.push(connectHop(e, CONNECT_COST));
  for (let e = g.offsets[s]!; e < g.offsets[s + 1]!; e++) if (g.targets[e] === t || g.targets[e] === g.n + t) edges.push(edgeHop(graph, g, e, g.cost[e]!));
  const fastest = (mask: Uint8Array) => {
    const times = fastestTimes(g, s, mask);
    const at = nearest(g, times, t);
    return at < 0 ? undefined : { at, path: { target: to, minutes: times.dist[at]!, hops: hops(graph, g, times, at) } };
  };
  return verdictOf(g, args['strict-conditions'], from, to, edges, fastest);
}

type Fastest = (mask: Uint8Array) => { at: number; path: AttackPath } | undefined;

/** Reachable with every layer enforced, else blocked when the baseline reaches, else unreachable. */
function verdictOf(g: CompactGraph, strict: boolean | undefined, from: string, to: string, edges: Hop[], fastest: Fastest): ExplainResult {
  const enforced = fastest(g.enforced);
  if (enforced) {
    const p = enforced.path;
    return { from, to, verdict: { status: 'reachable', minutes: p.minutes, hops: p.hops.length, access: enforced.at < g.n ? 'control' : 'network' }, path: p, edges };
  }
  const base = fastest(g.baseline);
  if (!base) return { from, to, verdict: { status: 'unreachable' }, edges };
  const p = base.path;
  const blockedBy = [...new Set(p.hops.flatMap((h) => h.decisions.filter((d) => blocks(d, strict)).map((d) => d.layer)))].sort();
  return { from, to, verdict: { status: 'blocked', minutes: p.minutes, hops: p.hops.length, blockedBy }, blockedPath: p, edges };
}

/**
 * From an address outside the cluster, over every port: the attack enters at whichever
 * workload port the network lets it open first (landing on the workload's network shadow
 * unless it is exploitable, as `probe` decides), and the direct hops are every port of `to`.
 */
function explainFromAddress(env: Loaded, args: ExplainArgs, cidr: string, to: string): ExplainResult {
  const { graph, ctx } = env.built;
  const { g } = env;
  const strict = args['strict-conditions'];
  const t = g.index.get(to)!;
  const entries = addressEntries(g, ctx, cidr, { strictConditions: strict, pivot: args.pivot }).map((e) => {
    const at = `${e.workload.id}:${e.port}/${e.protocol}`;
    const hop: Hop = { from: args.from, to: e.workload.id, edge: `${args.from}->${at}`, kind: 'connect', rule: connectRule.id, technique: connectRule.technique, reason: `${args.from} opens ${at}`, port: e.port, protocol: e.protocol, minutes: CONNECT_COST, decisions: e.decisions };
    return { ...e, hop };
  });
  // The baseline has no network or mesh policy, so there every port opens.
  const fastest: Fastest = (mask) => {
    let best: { at: number; path: AttackPath } | undefined;
    const tried = new Set<number>();
    for (const e of entries) {
      if ((mask === g.enforced && !e.allowed) || tried.has(e.source)) continue;
      tried.add(e.source);
      const times = fastestTimes(g, e.source, mask);
      const at = nearest(g, times, t);
      if (at < 0 || (best && CONNECT_COST + times.dist[at]! >= best.path.minutes)) continue;
      const rest = hops(graph, g, times, at).map((h) => ({ ...h, minutes: h.minutes + CONNECT_COST }));
      best = { at, path: { target: to, minutes: CONNECT_COST + times.dist[at]!, hops: [e.hop, ...rest] } };
    }
    return best;
  };
  const edges = entries.filter((e) => e.hop.to === to).map((e) => e.hop);
  return verdictOf(g, strict, args.from, to, edges, fastest);
}
