/**
 * Minimum edge cut between entry points and crown jewels, for remediation suggestions.
 *
 * Model. The attack graph is a directed multigraph on nodes 0..n-1. Every cuttable edge (a
 * NetworkPolicy rule, an RBAC binding, an IAM grant or trust statement) has capacity 1; every
 * uncuttable edge (a structural fact) has capacity Infinity. A super-source S (index n) has an
 * Infinity arc to every source, every sink has an Infinity arc to a super-sink T (index n+1).
 * By max-flow/min-cut (Ford-Fulkerson 1956), the maximum S-T flow equals the fewest cuttable
 * edges whose removal leaves no sink reachable from any source. Self-loops never lie on a
 * shortest path and never cross a cut, so they are ignored.
 *
 * Feasibility. A cut exists iff no source reaches a sink over uncuttable edges alone; that is
 * checked first with one traversal, so the flow is always finite (bounded by the number of
 * cuttable edges) and Infinity never has to be augmented. A node that is both a source and a
 * sink is such a path of length zero: `possible` is false.
 *
 * Max flow: Dinic (1970) — BFS builds the level graph of the residual network, then an
 * iterative DFS with current-arc pointers pushes a blocking flow; repeat until T is unreachable.
 * With unit capacities this is O(E·sqrt(E)) (Even-Tarjan 1975). The DFS keeps its path in an
 * Int32Array rather than on the call stack, so level graphs 100,000 arcs deep cannot overflow.
 *
 * The cut. After the last BFS, the nodes reachable from S in the residual network are the same
 * for every maximum flow (they form the source side of the unique minimum cut closest to the
 * sources), so the answer does not depend on augmentation order: the cuttable edges leaving that
 * side are the cut, reported by ascending index. The result is therefore deterministic.
 *
 * Groups. Removing a policy object removes all its edges, so the fewest groups to remove is a
 * hypergraph cut (NP-hard in general). The edge cut mapped to its groups is an upper bound,
 * improved by greedy pruning; it is proven minimal by a counting lower bound, or by brute force
 * over group subsets when the graph has at most 16 groups and the search is affordable.
 *
 * Conventions. No cut: `{ possible: false, edges: [], groups: [], groupsExact: false }`. Nothing
 * to cut (no sink reachable, or no sources/sinks): `{ possible: true, [], [], exact: true }`. An
 * edge without a group is the group `#<index>` (a named group spelled so would merge with it);
 * `group` on an uncuttable edge is ignored. `groups` is sorted by code unit (`#10` < `#2`); after
 * pruning or the subset search it need not be the groups of `edges`, only a group cut no larger.
 * Node indices out of range throw a RangeError.
 */

export interface CutEdge {
  from: number; // node index 0..n-1
  to: number;
  /** false: infinite capacity (cannot be removed) */
  cuttable: boolean;
  /** the policy object that makes the edge (removing the group removes all its edges); absent: the edge alone */
  group?: string;
}

export interface MinCutResult {
  /** false when some source reaches some sink over uncuttable edges only: no cut exists */
  possible: boolean;
  /** indices into `edges` of a minimum edge cut (unit capacity per cuttable edge), sorted ascending */
  edges: number[];
  /** the groups whose removal cuts: the groups of `edges` (an edge without a group stands as `#<index>`), sorted */
  groups: string[];
  /** true when `groups` is a minimum group cut for sure; false when it is only an upper bound (the edge cut mapped to its groups; a minimum group cut is a hypergraph cut, NP-hard in general) */
  groupsExact: boolean;
}

/** Brute force over group subsets only with at most this many groups in the whole graph. */
const MAX_BRUTE_GROUPS = 16;
/**
 * ...and only while (subsets to try) × (nodes + edges) stays under this many steps: 16 groups on
 * a 400k-edge graph would otherwise mean 65k full traversals (minutes). Past it `groupsExact`
 * stays false unless the counting bound proves the answer.
 */
const MAX_BRUTE_WORK = 1e8;
/** Greedy pruning stops past this many traversal steps (one check is nodes + edges). */
const MAX_PRUNE_WORK = 2e8;

/** Minimum s-t edge cut with a super-source over `sources` and a super-sink over `sinks` (directed). */
export function minCut(n: number, edges: readonly CutEdge[], sources: readonly number[], sinks: readonly number[]): MinCutResult {
  validate(n, edges, sources, sinks);
  const adj = forwardAdjacency(n, edges);
  const sinkMask = new Uint8Array(n);
  for (const t of sinks) sinkMask[t] = 1;

  // Feasibility first: an all-uncuttable source→sink path (or a source that is a sink) means
  // infinite flow. Excluding it keeps every augmenting path's bottleneck finite.
  const cuttableMask = new Uint8Array(edges.length);
  for (let i = 0; i < edges.length; i++) if (edges[i]!.cuttable) cuttableMask[i] = 1;
  if (reachesSink(adj, sources, sinkMask, cuttableMask)) {
    return { possible: false, edges: [], groups: [], groupsExact: false };
  }

  const { cut, flow } = dinicCut(n, edges, sources, sinks);
  // Max-flow/min-cut: every edge leaving the residual source side is saturated, one unit each.
  if (cut.length !== flow) throw new Error(`min-cut: internal error, cut of ${cut.length} edges for a flow of ${flow}`);

  const { groups, groupsExact } = groupCut(n, edges, sources, sinkMask, adj, cut);
  return { possible: true, edges: cut, groups, groupsExact };
}

/** Nodes reachable from `sources` over `edges` minus `removed` (edge indices), as a Uint8Array mask — for checking a cut. */
export function reachable(n: number, edges: readonly CutEdge[], sources: readonly number[], removed: ReadonlySet<number>): Uint8Array {
  validate(n, edges, sources, []);
  const adj = forwardAdjacency(n, edges);
  const removedMask = new Uint8Array(edges.length);
  for (const i of removed) if (Number.isInteger(i) && i >= 0 && i < edges.length) removedMask[i] = 1;
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (const s of sources) {
    if (seen[s]) continue;
    seen[s] = 1;
    stack[top++] = s;
  }
  while (top > 0) {
    const u = stack[--top]!;
    for (let k = adj.offsets[u]!, end = adj.offsets[u + 1]!; k < end; k++) {
      if (removedMask[adj.edgeIds[k]!]) continue;
      const v = adj.targets[k]!;
      if (seen[v]) continue;
      seen[v] = 1;
      stack[top++] = v;
    }
  }
  return seen;
}

// ---------------------------------------------------------------------------------------------

function validate(n: number, edges: readonly CutEdge[], sources: readonly number[], sinks: readonly number[]): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`min-cut: node count must be a non-negative integer, got ${n}`);
  const node = (v: number, what: string): void => {
    if (!Number.isInteger(v) || v < 0 || v >= n) throw new RangeError(`min-cut: ${what} ${v} is not a node index in 0..${n - 1}`);
  };
  for (let i = 0; i < edges.length; i++) {
    node(edges[i]!.from, `edge ${i} from`);
    node(edges[i]!.to, `edge ${i} to`);
  }
  for (const s of sources) node(s, 'source');
  for (const t of sinks) node(t, 'sink');
}

/** Out-edges of each node as CSR (edge ids in ascending order per node, so traversals are deterministic). */
interface Adjacency {
  offsets: Int32Array;
  edgeIds: Int32Array;
  /** head of edgeIds[k], copied so traversals read typed arrays, not 400k edge objects */
  targets: Int32Array;
  /** traversal scratch (seen mask, stack), reused across the many cut checks */
  seen: Uint8Array;
  stack: Int32Array;
}

function forwardAdjacency(n: number, edges: readonly CutEdge[]): Adjacency {
  const offsets = new Int32Array(n + 1);
  for (const e of edges) offsets[e.from + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, n);
  const edgeIds = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const k = fill[edges[i]!.from]!++;
    edgeIds[k] = i;
    targets[k] = edges[i]!.to;
  }
  return { offsets, edgeIds, targets, seen: new Uint8Array(n), stack: new Int32Array(n) };
}

/**
 * Does some source reach some sink over edges whose `blocked` entry is 0? One stack traversal
 * with an early exit; reused for the feasibility check and for every candidate group cut.
 */
function reachesSink(adj: Adjacency, sources: readonly number[], sinkMask: Uint8Array, blocked: Uint8Array): boolean {
  const { offsets, edgeIds, targets, seen, stack } = adj;
  seen.fill(0);
  let top = 0;
  for (const s of sources) {
    if (sinkMask[s]) return true;
    if (seen[s]) continue;
    seen[s] = 1;
    stack[top++] = s;
  }
  while (top > 0) {
    const u = stack[--top]!;
    for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
      if (blocked[edgeIds[k]!]) continue;
      const v = targets[k]!;
      if (seen[v]) continue;
      if (sinkMask[v]) return true;
      seen[v] = 1;
      stack[top++] = v;
    }
  }
  return false;
}

/**
 * Dinic's max flow on the residual network, then the cut on the source side. Arcs come in pairs
 * (2k forward, 2k+1 reverse, so `a ^ 1` is the partner); capacities are a Float64Array so the
 * uncuttable arcs can hold Infinity (Infinity - f stays Infinity).
 */
function dinicCut(n: number, edges: readonly CutEdge[], sources: readonly number[], sinks: readonly number[]): { cut: number[]; flow: number } {
  const S = n;
  const T = n + 1;
  const N = n + 2;
  const uniqueSources = [...new Set(sources)].sort((a, b) => a - b);
  const uniqueSinks = [...new Set(sinks)].sort((a, b) => a - b);

  let arcCount = 0;
  for (const e of edges) if (e.from !== e.to) arcCount += 2;
  arcCount += 2 * (uniqueSources.length + uniqueSinks.length);

  const tail = new Int32Array(arcCount);
  const head = new Int32Array(arcCount);
  const cap = new Float64Array(arcCount);
  /** original edge index of a forward arc, -1 for reverse and super arcs */
  const origin = new Int32Array(arcCount).fill(-1);
  let a = 0;
  const addArc = (u: number, v: number, c: number, edgeIndex: number): void => {
    tail[a] = u;
    head[a] = v;
    cap[a] = c;
    origin[a] = edgeIndex;
    tail[a + 1] = v;
    head[a + 1] = u;
    cap[a + 1] = 0;
    a += 2;
  };
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    if (e.from === e.to) continue; // a self-loop never crosses a cut
    addArc(e.from, e.to, e.cuttable ? 1 : Infinity, i);
  }
  for (const s of uniqueSources) addArc(S, s, Infinity, -1);
  for (const t of uniqueSinks) addArc(t, T, Infinity, -1);

  // CSR of arcs by tail, arc ids ascending within a node (counting sort is stable).
  const offsets = new Int32Array(N + 1);
  for (let k = 0; k < arcCount; k++) offsets[tail[k]! + 1]!++;
  for (let v = 0; v < N; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, N);
  const arcs = new Int32Array(arcCount);
  for (let k = 0; k < arcCount; k++) arcs[fill[tail[k]!]!++] = k;

  const level = new Int32Array(N);
  const queue = new Int32Array(N);
  const current = new Int32Array(N); // Dinic's current-arc pointer (position in `arcs`)
  const path = new Int32Array(N); // arcs of the DFS path from S; a simple path has < N arcs

  /**
   * BFS from S over arcs with residual capacity; true when T is reached. Nodes at T's level or
   * deeper can never lie on a shortest S-T path, so the BFS stops expanding there (when T is not
   * reached the BFS is complete, which the cut below relies on).
   */
  const buildLevels = (): boolean => {
    level.fill(-1);
    level[S] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = S;
    while (qh < qt) {
      const u = queue[qh++]!;
      if (level[T] !== -1 && level[u]! >= level[T]!) break;
      for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
        const arc = arcs[k]!;
        const v = head[arc]!;
        if (cap[arc]! > 0 && level[v] === -1) {
          level[v] = level[u]! + 1;
          queue[qt++] = v;
        }
      }
    }
    return level[T] !== -1;
  };

  let flow = 0;
  while (buildLevels()) {
    current.set(offsets.subarray(0, N));
    // Blocking flow by iterative DFS: advance along admissible arcs (level + 1, capacity left);
    // at T augment by the bottleneck and retreat to the tail of the first saturated arc; at a
    // dead end retreat one arc and skip it for the rest of the phase.
    let depth = 0;
    let u = S;
    for (;;) {
      if (u === T) {
        let f = Infinity;
        for (let d = 0; d < depth; d++) f = Math.min(f, cap[path[d]!]!);
        // Cannot happen after the feasibility check: an all-Infinity residual path would be an
        // uncuttable source→sink path (reverse arcs only ever hold finite flow).
        if (f === Infinity) throw new Error('min-cut: internal error, infinite augmenting path');
        let firstSaturated = -1;
        for (let d = 0; d < depth; d++) {
          const arc = path[d]!;
          cap[arc]! -= f;
          cap[arc ^ 1]! += f;
          if (firstSaturated === -1 && cap[arc] === 0) firstSaturated = d;
        }
        flow += f;
        depth = firstSaturated; // >= 0: the bottleneck arc is saturated
        u = depth === 0 ? S : head[path[depth - 1]!]!;
        continue;
      }
      let advanced = false;
      for (let end = offsets[u + 1]!; current[u]! < end; current[u]!++) {
        const arc = arcs[current[u]!]!;
        const v = head[arc]!;
        if (cap[arc]! > 0 && level[v] === level[u]! + 1) {
          path[depth++] = arc;
          u = v;
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      if (u === S) break; // S exhausted: the flow is blocking
      depth--;
      u = depth === 0 ? S : head[path[depth - 1]!]!;
      current[u]!++; // the arc into the dead end is useless for this phase
    }
  }

  // The failed last BFS left level >= 0 exactly on the residual source side.
  const cut: number[] = [];
  for (let k = 0; k < arcCount; k += 2) {
    const i = origin[k]!;
    if (i < 0 || !edges[i]!.cuttable) continue;
    if (level[tail[k]!] !== -1 && level[head[k]!] === -1) cut.push(i);
  }
  cut.sort((x, y) => x - y);
  return { cut, flow };
}

/** The key of a cuttable edge's group: its policy object, or `#<index>` for an edge alone. */
function groupKey(edges: readonly CutEdge[], i: number): string {
  return edges[i]!.group ?? `#${i}`;
}

/**
 * Map the edge cut to groups, prune greedily, then prove minimality if cheaply possible.
 * Groups are formed by cuttable non-self-loop edges only: an uncuttable edge's `group` is
 * ignored (removing its policy object would not remove a structural fact).
 */
function groupCut(
  n: number,
  edges: readonly CutEdge[],
  sources: readonly number[],
  sinkMask: Uint8Array,
  adj: Adjacency,
  cut: readonly number[],
): { groups: string[]; groupsExact: boolean } {
  if (cut.length === 0) return { groups: [], groupsExact: true };

  const members = new Map<string, number[]>();
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    if (!e.cuttable || e.from === e.to) continue;
    const key = groupKey(edges, i);
    let list = members.get(key);
    if (!list) members.set(key, (list = []));
    list.push(i);
  }

  // Removing groups = blocking all their edges; the answer must leave no sink reachable.
  const blocked = new Uint8Array(edges.length);
  const cuts = (groups: readonly string[]): boolean => {
    blocked.fill(0);
    for (const g of groups) for (const i of members.get(g)!) blocked[i] = 1;
    return !reachesSink(adj, sources, sinkMask, blocked);
  };

  let answer = [...new Set(cut.map((i) => groupKey(edges, i)))].sort();

  // Greedy pruning (in sorted order, for determinism): one policy making edges on several paths
  // can already cover what other groups of the answer cut, making them redundant.
  // A check is skipped when the other groups hold fewer edges than the edge cut (they cannot
  // cut), and pruning stops once its traversals would exceed MAX_PRUNE_WORK steps: on a huge
  // answer |answer| full traversals are quadratic. The budget counts steps, not time, so the
  // result stays deterministic.
  let removedEdges = 0;
  for (const g of answer) removedEdges += members.get(g)!.length;
  let pruneWork = 0;
  for (const g of [...answer]) {
    const size = members.get(g)!.length;
    if (removedEdges - size < cut.length) continue;
    pruneWork += n + edges.length;
    if (pruneWork > MAX_PRUNE_WORK) break;
    const without = answer.filter((x) => x !== g);
    if (cuts(without)) {
      answer = without;
      removedEdges -= size;
    }
  }

  // Counting lower bound: any group cut removes an edge cut, so at least `cut.length` edges; m
  // groups remove at most the sum of the m largest group sizes. When every group has one edge
  // this bound is the edge cut itself, and groups = edges exactly.
  const sizes = [...members.values()].map((l) => l.length).sort((x, y) => y - x);
  let lower = 0;
  for (let covered = 0; covered < cut.length; lower++) covered += sizes[lower]!;
  if (answer.length <= lower) return { groups: answer, groupsExact: true };

  // Brute force over all subsets of sizes lower..|answer|-1, smallest first, lexicographic within
  // a size (by sorted group name): the first that cuts is a minimum group cut; none proves the
  // answer minimal.
  const all = [...members.keys()].sort();
  if (all.length > MAX_BRUTE_GROUPS) return { groups: answer, groupsExact: false };
  let subsets = 0;
  for (let size = lower; size < answer.length; size++) subsets += binomial(all.length, size);
  if (subsets * (n + edges.length) > MAX_BRUTE_WORK) return { groups: answer, groupsExact: false };

  for (let size = lower; size < answer.length; size++) {
    const pick = Array.from({ length: size }, (_, k) => k);
    for (;;) {
      const chosen = pick.map((k) => all[k]!);
      if (cuts(chosen)) return { groups: chosen, groupsExact: true };
      // next combination in lexicographic order
      let k = size - 1;
      while (k >= 0 && pick[k] === all.length - size + k) k--;
      if (k < 0) break;
      pick[k]!++;
      for (let j = k + 1; j < size; j++) pick[j] = pick[j - 1]! + 1;
    }
  }
  return { groups: answer, groupsExact: true };
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
