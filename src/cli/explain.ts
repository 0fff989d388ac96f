import type { CommandModule } from 'yargs';
import { connectHop, edgeHop, hops, nearest } from '../engine/analyze.js';
import { CONNECT_COST } from '../engine/compact.js';
import { connectEdges } from '../engine/connect/hop.js';
import { isAddress } from '../engine/probe.js';
import type { AttackPath } from '../engine/results.js';
import { fastestTimes } from '../engine/times.js';
import { resolveNode } from '../graph/ids.js';
import { UsageError } from '../model/errors.js';
import type { Protocol } from '../model/model.js';
import type { ExplainResult } from '../output/explain-result.js';
import { renderExplain } from '../output/text.js';
import { blocks } from '../policy/decision.js';
import { decideHop, resolvePort, type Endpoint } from '../policy/hop.js';
import { load, printJson, withCommon, type CommonArgs, type Loaded } from './common.js';

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
      .option('from', { describe: 'source node id (or unique name, or an IP for --port hops)', type: 'string', demandOption: true })
      .option('to', { describe: 'destination node id (or unique name)', type: 'string', demandOption: true })
      .option('port', { describe: 'decide this one network hop: destination container port, by number or name', type: 'string' })
      .option('protocol', { choices: ['TCP', 'UDP', 'SCTP'] as const, describe: 'protocol of the hop' })
      .option('method', { describe: 'HTTP method of the request, for mesh rules that match methods (default: the attacker picks)', type: 'string' })
      .option('path', { describe: 'HTTP path of the request, for mesh rules that match paths (default: the attacker picks)', type: 'string' })
      .example('$0 explain topologies/k8s-demo --from web/frontend --to payments/payments-api --port http --method POST --path /charge', 'one HTTP request through NetworkPolicy and Istio')
      .example('$0 explain topologies/demo-shop --from storefront/frontend --to checkout/checkout-api --port 8080', 'one hop, every layer')
      .example('$0 explain topologies/demo-shop --from ci-deployer --to customer-backups', 'the attack path, or what blocks it') as never,
  handler: async (args) => {
    const env = await load(args);
    const result = explain(env, args);
    if (args.json) printJson('explain', result, env.warnings);
    else process.stdout.write(renderExplain(result));
  },
};

/** What `explain` answers (its `--json` is this, with `format` and warnings). */
export function explain(env: Loaded, args: ExplainArgs): ExplainResult {
  const { graph } = env.built;
  const { g } = env;
  if (args.port !== undefined) {
    const ep = (ref: string): Endpoint => {
      if (isAddress(ref)) return { ip: ref };
      const w = env.built.ctx.workload(resolveNode(graph, ref));
      if (!w) throw new UsageError(`"${ref}" is not a workload or IP address: --port explains network hops`);
      return { workload: w };
    };
    const from = ep(args.from);
    const to = ep(args.to);
    const { port, protocol } = resolvePort(to, args.port, args.protocol);
    const decisions = decideHop(env.built.ctx, { from, to, port, protocol, ...(args.method ? { method: args.method } : {}), ...(args.path ? { path: args.path } : {}) });
    const name = (e: Endpoint) => ('workload' in e ? e.workload.id : e.ip);
    return { from: name(from), to: name(to), hop: { port, protocol, verdict: decisions.some((d) => blocks(d, args['strict-conditions'])) ? 'deny' : 'allow', decisions }, edges: [] };
  }
  const from = resolveNode(graph, args.from);
  const to = resolveNode(graph, args.to);
  const s = g.index.get(from)!;
  const t = g.index.get(to)!;
  const edges = [];
  for (const e of connectEdges(g, s, t)) edges.push(connectHop(e, CONNECT_COST));
  for (let e = g.offsets[s]!; e < g.offsets[s + 1]!; e++) if (g.targets[e] === t || g.targets[e] === g.n + t) edges.push(edgeHop(graph, g, e, g.cost[e]!));
  const path = (times: ReturnType<typeof fastestTimes>, at: number): AttackPath => ({ target: to, minutes: times.dist[at]!, hops: hops(graph, g, times, at) });
  const enforced = fastestTimes(g, s, g.enforced);
  const reachedAt = nearest(g, enforced, t);
  if (reachedAt >= 0) {
    const p = path(enforced, reachedAt);
    return { from, to, verdict: { status: 'reachable', minutes: p.minutes, hops: p.hops.length, access: reachedAt < g.n ? 'control' : 'network' }, path: p, edges };
  }
  const base = fastestTimes(g, s, g.baseline);
  const baseAt = nearest(g, base, t);
  if (baseAt < 0) return { from, to, verdict: { status: 'unreachable' }, edges };
  const p = path(base, baseAt);
  const strict = args['strict-conditions'];
  const blockedBy = [...new Set(p.hops.flatMap((h) => h.decisions.filter((d) => blocks(d, strict)).map((d) => d.layer)))].sort();
  return { from, to, verdict: { status: 'blocked', minutes: p.minutes, hops: p.hops.length, blockedBy }, blockedPath: p, edges };
}
