/**
 * The engine's working copy of the graph, derived once per build: integer node indexes and
 * a CSR out-adjacency in typed arrays, so the hot loops never touch graphology's attribute API.
 */
import { BASELINE_OFF, blocks } from '../policy/decision.js';
import type { EdgeAttrs, LateralGraph } from '../graph/types.js';
import type { ConnectClasses } from './connect/classes.js';

/**
 * A network hop reaches a workload without controlling it: the attacker can talk to the
 * service, not run code in it. So each node v has a shadow n+v, "reached over the network",
 * with no out-edges; a `connect` hop leads to the shadow unless the destination is
 * exploitable (or every one is assumed to be, with `pivot`). Node indexes below n are
 * controlled; ids[n+v] === ids[v].
 *
 * Connect hops are not edges per pair but go through class hubs (indexes from `hubStart`):
 * a workload → its source-class hub (one per distinct row of target classes its combo may
 * open: combos that open the same targets share it) → every target-class hub of the row →
 * each member of that target class. The baseline, a flat network, has one source hub open
 * to every target class. Only the first hop costs; the hubs themselves are never reported.
 * Through its own classes a workload also reaches its own shadow, which changes nothing: a
 * node counts as reached by its nearer copy, and it already controls itself.
 */
export interface CompactGraph {
  /** real nodes; indexes n..2n-1 are their network-reached shadows */
  n: number;
  ids: string[];
  index: Map<string, number>;
  /** out-edges of node i are positions offsets[i] .. offsets[i+1]-1 */
  offsets: Int32Array;
  targets: Int32Array;
  /** graphology edge key at each position ('' on hub edges) */
  edgeKeys: string[];
  cost: Float64Array;
  /** tier per node, -1 when untiered */
  tier: Int8Array;
  /** 1 where the edge is traversable under enforced policy */
  enforced: Uint8Array;
  /** 1 where traversable with the network and mesh layers switched off */
  baseline: Uint8Array;
  /** first source-class hub; target-class hubs start at `targetStart`; both equal ids.length without connect hops */
  hubStart: number;
  targetStart: number;
  /** per node below 2n: the target-class hub whose member edge leads to it, -1 for none */
  memberOf: Int32Array;
  /** the classes behind the hubs, to explain a connect hop when it is shown */
  connect?: ConnectIndex;
}

export interface ConnectIndex {
  classes: ConnectClasses;
  /** node index → index in classes.workloads, -1 for other nodes */
  workload: Int32Array;
  strictConditions: boolean;
  cost: number;
}

export interface CompactOptions {
  /** Treat `conditional` decisions as deny. */
  strictConditions?: boolean;
  /** Assume every service reached over the network can be exploited (worst case). */
  pivot?: boolean;
}

/** Minutes an attacker needs for a connect hop (the connect rule's cost). */
export const CONNECT_COST = 30;

export function compact(graph: LateralGraph, options: CompactOptions = {}, connect?: ConnectClasses): CompactGraph {
  const strict = options.strictConditions ?? false;
  const real = graph.nodes();
  const index = new Map(real.map((id, i) => [id, i]));
  const n = real.length;
  const rows = connect?.rows(strict);
  const sourceHubs = rows?.rows.length ?? 0;
  const classes = connect?.targets.length ?? 0;
  const hubStart = 2 * n;
  const targetStart = hubStart + (connect ? sourceHubs + 1 : 0);
  const size = targetStart + classes;
  const baselineHub = hubStart + sourceHubs;

  // Hub edges, as (from, to, enforced, baseline, cost) in source order.
  const workloadAt = new Int32Array(size).fill(-1);
  const hubFrom: number[] = [];
  const hubTo: number[] = [];
  const hubMask: number[] = []; // 1 enforced, 2 baseline
  const memberOf = new Int32Array(2 * n).fill(-1);
  const extra = new Int32Array(size + 1);
  const hub = (from: number, to: number, mask: number) => {
    hubFrom.push(from);
    hubTo.push(to);
    hubMask.push(mask);
    extra[from + 1]!++;
  };
  if (connect) {
    connect.workloads.forEach((w, i) => {
      const u = index.get(w.id);
      if (u === undefined) throw new Error(`lateral: connect classes name unknown node "${w.id}"`);
      workloadAt[u] = i;
    });
    for (let u = 0; u < n; u++) {
      const i = workloadAt[u]!;
      if (i < 0) continue;
      hub(u, hubStart + rows!.rowOf[connect.combo[i]!]!, 1);
      hub(u, baselineHub, 2);
    }
    rows!.rows.forEach((row, r) => {
      for (let t = 0; t < classes; t++) if ((row[t >>> 5]! & (1 << (t & 31))) !== 0) hub(hubStart + r, targetStart + t, 1);
    });
    for (let t = 0; t < classes; t++) hub(baselineHub, targetStart + t, 2);
    connect.targets.forEach((cls, t) => {
      for (const i of cls.members) {
        const w = connect.workloads[i]!;
        const v = index.get(w.id)!;
        const at = w.exploitable || options.pivot ? v : n + v;
        memberOf[at] = targetStart + t;
        hub(targetStart + t, at, 3);
      }
    });
  }

  const offsets = new Int32Array(size + 1);
  graph.forEachEdge((_k, _a, source) => {
    offsets[index.get(source)! + 1]!++;
  });
  for (let i = 0; i < size; i++) offsets[i + 1]! += offsets[i]! + extra[i + 1]!;
  const m = offsets[size]!;
  const fill = offsets.slice(0, size);
  const targets = new Int32Array(m);
  const edgeKeys = new Array<string>(m).fill('');
  const cost = new Float64Array(m);
  const enforced = new Uint8Array(m);
  const baseline = new Uint8Array(m);
  graph.forEachEdge((key, attrs: EdgeAttrs, source, target) => {
    const pos = fill[index.get(source)!]!++;
    const v = index.get(target)!;
    targets[pos] = attrs.kind === 'connect' && !attrs.pivot && !options.pivot ? n + v : v;
    edgeKeys[pos] = key;
    cost[pos] = attrs.cost;
    enforced[pos] = attrs.decisions.some((d) => blocks(d, strict)) ? 0 : 1;
    baseline[pos] = attrs.decisions.some((d) => !BASELINE_OFF.has(d.layer) && blocks(d, strict)) ? 0 : 1;
  });
  for (let h = 0; h < hubFrom.length; h++) {
    const from = hubFrom[h]!;
    const pos = fill[from]!++;
    targets[pos] = hubTo[h]!;
    cost[pos] = from < hubStart ? CONNECT_COST : 0;
    enforced[pos] = hubMask[h]! & 1;
    baseline[pos] = hubMask[h]! >> 1;
  }
  const tier = new Int8Array(size).fill(-1);
  real.forEach((id, i) => {
    const t = graph.getNodeAttribute(id, 'tier');
    if (t !== undefined) tier[i] = tier[n + i] = t;
  });
  const ids = [...real, ...real];
  for (let h = hubStart; h < size; h++) ids.push(h < targetStart ? `(source class ${h - hubStart})` : `(target class ${h - targetStart})`);
  return {
    n,
    ids,
    index,
    offsets,
    targets,
    edgeKeys,
    cost,
    tier,
    enforced,
    baseline,
    hubStart: connect ? hubStart : size,
    targetStart: connect ? targetStart : size,
    memberOf,
    ...(connect ? { connect: { classes: connect, workload: workloadAt, strictConditions: strict, cost: CONNECT_COST } } : {}),
  };
}
