/**
 * Minimum edge cut (Dinic) and its group mapping, against hand-made cases and brute force on
 * random small graphs: the cut cuts, no smaller edge set cuts, "impossible" means an
 * uncuttable source→sink path, the groups cut and, when claimed exact, no fewer groups cut.
 * Reachability here is a naive fixpoint, independent of the module's traversal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minCut, reachable, type CutEdge, type MinCutResult } from '../../src/engine/min-cut.js';

/** Naive reachability: relax every edge until nothing changes. */
function naiveReach(n: number, edges: readonly CutEdge[], sources: readonly number[], keep: (i: number) => boolean): boolean[] {
  const seen = new Array<boolean>(n).fill(false);
  for (const s of sources) seen[s] = true;
  for (let changed = true; changed; ) {
    changed = false;
    edges.forEach((e, i) => {
      if (keep(i) && seen[e.from] && !seen[e.to]) {
        seen[e.to] = true;
        changed = true;
      }
    });
  }
  return seen;
}

function cutsWith(n: number, edges: readonly CutEdge[], sources: readonly number[], sinks: readonly number[], removed: (i: number) => boolean): boolean {
  const seen = naiveReach(n, edges, sources, (i) => !removed(i));
  return !sinks.some((t) => seen[t]);
}

const keyOf = (edges: readonly CutEdge[], i: number): string => edges[i]!.group ?? `#${i}`;

/** Groups of the graph (cuttable edges only) and their edge sets. */
function groupMembers(edges: readonly CutEdge[]): Map<string, Set<number>> {
  const m = new Map<string, Set<number>>();
  edges.forEach((e, i) => {
    if (!e.cuttable) return;
    const k = keyOf(edges, i);
    if (!m.has(k)) m.set(k, new Set());
    m.get(k)!.add(i);
  });
  return m;
}

function groupsCut(n: number, edges: readonly CutEdge[], sources: readonly number[], sinks: readonly number[], groups: readonly string[]): boolean {
  const set = new Set(groups);
  return cutsWith(n, edges, sources, sinks, (i) => edges[i]!.cuttable && set.has(keyOf(edges, i)));
}

/** Smallest number of groups whose removal cuts, by brute force in increasing size. */
function bruteMinGroups(n: number, edges: readonly CutEdge[], sources: readonly number[], sinks: readonly number[]): number {
  const all = [...groupMembers(edges).keys()];
  for (let size = 0; size <= all.length; size++) {
    let found = false;
    const rec = (start: number, chosen: string[]): void => {
      if (found) return;
      if (chosen.length === size) {
        if (groupsCut(n, edges, sources, sinks, chosen)) found = true;
        return;
      }
      for (let k = start; k < all.length && !found; k++) rec(k + 1, [...chosen, all[k]!]);
    };
    rec(0, []);
    if (found) return size;
  }
  return Infinity;
}

const e = (from: number, to: number, cuttable = true, group?: string): CutEdge => (group === undefined ? { from, to, cuttable } : { from, to, cuttable, group });

describe('minCut: hand-made cases', () => {
  it('a chain is cut at its first cuttable edge (the cut closest to the sources)', () => {
    const edges = [e(0, 1), e(1, 2), e(2, 3)];
    expect(minCut(4, edges, [0], [3])).toEqual({ possible: true, edges: [0], groups: ['#0'], groupsExact: true });
  });

  it('two disjoint paths need two cuts', () => {
    const edges = [e(0, 1), e(1, 3), e(0, 2), e(2, 3)];
    const r = minCut(4, edges, [0], [3]);
    expect(r.possible).toBe(true);
    expect(r.edges).toEqual([0, 2]);
    expect(r.groups).toEqual(['#0', '#2']);
    expect(r.groupsExact).toBe(true);
  });

  it('a diamond behind a bottleneck is cut at the bottleneck', () => {
    // 0 → 1 → {2, 3} → 4 → 5: the bottleneck 4 → 5 (edge 5) and 0 → 1 (edge 0) both cut
    const edges = [e(0, 1, false), e(1, 2), e(1, 3), e(2, 4), e(3, 4), e(4, 5)];
    const r = minCut(6, edges, [0], [5]);
    expect(r.edges).toEqual([5]);
    expect(r.groups).toEqual(['#5']);
  });

  it('an uncuttable path makes a cut impossible', () => {
    const edges = [e(0, 1, false), e(1, 2, false), e(0, 2)];
    expect(minCut(3, edges, [0], [2])).toEqual({ possible: false, edges: [], groups: [], groupsExact: false });
  });

  it('the cut avoids uncuttable edges even when they are the bottleneck', () => {
    // 0 → 1 → 2 and 0 → 3 → 2 feed the uncuttable 2 → 4: cut the two edges before it
    const edges = [e(0, 1), e(1, 2), e(0, 3), e(3, 2), e(2, 4, false)];
    const r = minCut(5, edges, [0], [4]);
    expect(r.possible).toBe(true);
    expect(r.edges).toEqual([0, 2]);
    expect(r.edges.every((i) => edges[i]!.cuttable)).toBe(true);
  });

  it('one policy making two edges is one group to remove', () => {
    const edges = [e(0, 1, true, 'np/allow-web'), e(1, 3, false), e(0, 2, true, 'np/allow-web'), e(2, 3, false)];
    const r = minCut(4, edges, [0], [3]);
    expect(r.edges).toEqual([0, 2]);
    expect(r.groups).toEqual(['np/allow-web']);
    expect(r.groupsExact).toBe(true);
  });

  it('a group that cuts with fewer groups than the edge cut is found by brute force; past 16 groups it is an upper bound', () => {
    // group g makes three edges 0 → {1, 2, 3}; the uncuttable {1, 2, 3} → 4 meet two ungrouped
    // parallel edges 4 → 5. The edge cut is {6, 7} (2 < 3 edges) but one group, g, cuts.
    const base = [e(0, 1, true, 'g'), e(0, 2, true, 'g'), e(0, 3, true, 'g'), e(1, 4, false), e(2, 4, false), e(3, 4, false), e(4, 5), e(4, 5)];
    const r = minCut(6, base, [0], [5]);
    expect(r.edges).toEqual([6, 7]);
    expect(r.groups).toEqual(['g']);
    expect(r.groupsExact).toBe(true);

    // 17 unrelated cuttable edges (each its own group) take the graph past the brute-force limit
    const padded = [...base, ...Array.from({ length: 17 }, () => e(6, 7))];
    const p = minCut(8, padded, [0], [5]);
    expect(p.edges).toEqual([6, 7]);
    expect(p.groups).toEqual(['#6', '#7']);
    expect(p.groupsExact).toBe(false);
  });

  it('greedy pruning drops a group another group makes redundant', () => {
    // path A: 0 -a-> 1 -p-> 4; path B: 0 -p-> 2 → 4 (uncuttable). The edge cut {0, 2} is groups
    // {a, p}, but p alone covers both paths.
    const edges = [e(0, 1, true, 'a'), e(1, 4, true, 'p'), e(0, 2, true, 'p'), e(2, 4, false)];
    const r = minCut(5, edges, [0], [4]);
    expect(r.edges).toEqual([0, 2]);
    expect(r.groups).toEqual(['p']);
    expect(r.groupsExact).toBe(true);
    // past 16 groups there is no brute force: pruning alone finds p, and the counting bound
    // (2 cut edges, no group larger than p's 2) proves one group minimal
    const padded = minCut(6, [...edges, ...Array.from({ length: 17 }, () => e(5, 4))], [0], [4]);
    expect(padded.edges).toEqual([0, 2]);
    expect(padded.groups).toEqual(['p']);
    expect(padded.groupsExact).toBe(true);
  });

  it('a node that is both a source and a sink cannot be separated', () => {
    expect(minCut(1, [], [0], [0]).possible).toBe(false);
    expect(minCut(3, [e(0, 1), e(1, 2)], [0, 1], [1, 2]).possible).toBe(false);
  });

  it('no sink reachable: nothing to cut', () => {
    expect(minCut(3, [e(1, 0), e(2, 1, false)], [0], [2])).toEqual({ possible: true, edges: [], groups: [], groupsExact: true });
    expect(minCut(2, [e(0, 1)], [], [1])).toEqual({ possible: true, edges: [], groups: [], groupsExact: true });
  });

  it('self-loops are ignored and parallel edges each count', () => {
    const edges = [e(0, 0), e(0, 1), e(0, 1), e(1, 1, false), e(1, 2, false)];
    const r = minCut(3, edges, [0], [2]);
    expect(r.edges).toEqual([1, 2]);
  });

  it('rejects node indices out of range', () => {
    expect(() => minCut(2, [e(0, 2)], [0], [1])).toThrow(RangeError);
    expect(() => minCut(2, [], [0], [5])).toThrow(RangeError);
    expect(() => reachable(2, [], [-1], new Set())).toThrow(RangeError);
  });

  it('reachable honours removed edges', () => {
    const edges = [e(0, 1), e(1, 2, false), e(0, 3)];
    expect([...reachable(4, edges, [0], new Set())]).toEqual([1, 1, 1, 1]);
    expect([...reachable(4, edges, [0], new Set([0]))]).toEqual([1, 0, 0, 1]);
    expect([...reachable(4, edges, [0], new Set([1, 2]))]).toEqual([1, 1, 0, 0]);
  });
});

interface Spec {
  n: number;
  edges: CutEdge[];
  sources: number[];
  sinks: number[];
}

const edge = (n: number): fc.Arbitrary<CutEdge> =>
  fc
    .record({
      from: fc.nat(n - 1),
      to: fc.nat(n - 1),
      // mostly cuttable, or most graphs would hold an uncuttable source→sink path
      cuttable: fc.nat(3).map((x) => x !== 0),
      group: fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: undefined, freq: 3 }),
    })
    .map((r) => (r.group === undefined ? { from: r.from, to: r.to, cuttable: r.cuttable } : r));

/** Sources and sinks: usually disjoint (drawn from a permutation), sometimes drawn freely so they may overlap. */
const ends = (n: number): fc.Arbitrary<{ sources: number[]; sinks: number[] }> =>
  fc.oneof(
    { weight: 9, arbitrary: fc.tuple(fc.shuffledSubarray([...Array(n).keys()], { minLength: Math.min(n, 2), maxLength: Math.min(n, 4) }), fc.nat(1), fc.nat(1)).map(([perm, a, b]) => {
      const ns = Math.min(1 + a, perm.length - 1);
      return { sources: perm.slice(0, ns), sinks: perm.slice(ns, ns + 1 + b) };
    }) },
    { weight: 1, arbitrary: fc.record({ sources: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 2 }), sinks: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 2 }) }) },
  );

const spec: fc.Arbitrary<Spec> = fc.integer({ min: 2, max: 8 }).chain((n) =>
  fc.record({ n: fc.constant(n), edges: fc.array(edge(n), { minLength: 6, maxLength: 14 }), ends: ends(n) }).map(({ n, edges, ends }) => ({ n, edges, ...ends })),
);

const popcount = (x: number): number => {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
};

describe('minCut: properties on random graphs', () => {
  const runs = { numRuns: 400 };

  it('(1) removing the edge cut leaves no sink reachable from any source; the cut is sorted, unique and cuttable', () => {
    fc.assert(
      fc.property(spec, ({ n, edges, sources, sinks }) => {
        const r = minCut(n, edges, sources, sinks);
        if (!r.possible) return;
        const removed = new Set(r.edges);
        expect(cutsWith(n, edges, sources, sinks, (i) => removed.has(i))).toBe(true);
        const mask = reachable(n, edges, sources, removed);
        expect(sinks.some((t) => mask[t])).toBe(false);
        expect(r.edges).toEqual([...removed].sort((x, y) => x - y));
        expect(r.edges.every((i) => edges[i]!.cuttable)).toBe(true);
      }),
      runs,
    );
  });

  it('(2) no smaller set of cuttable edges cuts (brute force)', () => {
    fc.assert(
      fc.property(spec, ({ n, edges, sources, sinks }) => {
        const r = minCut(n, edges, sources, sinks);
        if (!r.possible) return;
        const cuttable = edges.flatMap((x, i) => (x.cuttable ? [i] : []));
        for (let mask = 0; mask < 1 << cuttable.length; mask++) {
          if (popcount(mask) >= r.edges.length) continue;
          const removed = new Set(cuttable.filter((_, k) => mask & (1 << k)));
          expect(cutsWith(n, edges, sources, sinks, (i) => removed.has(i))).toBe(false);
        }
      }),
      runs,
    );
  });

  it('(3) possible is false exactly when some source reaches some sink over uncuttable edges alone', () => {
    fc.assert(
      fc.property(spec, ({ n, edges, sources, sinks }) => {
        const r = minCut(n, edges, sources, sinks);
        const uncuttablePath = !cutsWith(n, edges, sources, sinks, (i) => edges[i]!.cuttable);
        expect(r.possible).toBe(!uncuttablePath);
        if (!r.possible) expect(r).toEqual({ possible: false, edges: [], groups: [], groupsExact: false });
      }),
      runs,
    );
  });

  it('(4) removing the groups cuts; when exact, no fewer groups cut (brute force), with and without the subset search', () => {
    fc.assert(
      fc.property(spec, ({ n, edges, sources, sinks }) => {
        const r = minCut(n, edges, sources, sinks);
        if (!r.possible) return;
        expect(r.groups).toEqual([...new Set(r.groups)].sort());
        const known = groupMembers(edges);
        expect(r.groups.every((g) => known.has(g))).toBe(true);
        expect(groupsCut(n, edges, sources, sinks, r.groups)).toBe(true);
        const best = bruteMinGroups(n, edges, sources, sinks);
        expect(r.groups.length).toBeGreaterThanOrEqual(best);
        if (r.groupsExact) expect(r.groups.length).toBe(best);
        // at most 16 groups: the brute force always settles it
        if (known.size <= 16) expect(r.groupsExact).toBe(true);

        // 17 unreachable single-edge groups take the graph past the brute force: pruning and the
        // counting bound alone must still give a cut, exact only when it is minimum.
        const padded = [...edges, ...Array.from({ length: 17 }, () => ({ from: n, to: n + 1, cuttable: true }))];
        const p = minCut(n + 2, padded, sources, sinks);
        expect(p.edges).toEqual(r.edges);
        expect(groupsCut(n + 2, padded, sources, sinks, p.groups)).toBe(true);
        expect(p.groups.length).toBeGreaterThanOrEqual(best);
        if (p.groupsExact) expect(p.groups.length).toBe(best);
      }),
      runs,
    );
  });

  it('(5) deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(spec, ({ n, edges, sources, sinks }) => {
        const a: MinCutResult = minCut(n, edges, sources, sinks);
        const b = minCut(n, structuredClone(edges), [...sources], [...sinks]);
        expect(b).toEqual(a);
      }),
      runs,
    );
  });

  it('reachable matches the naive fixpoint', () => {
    fc.assert(
      fc.property(spec, fc.array(fc.nat(13), { maxLength: 6 }), ({ n, edges, sources }, drop) => {
        const removed = new Set(drop);
        const mask = reachable(n, edges, sources, removed);
        const naive = naiveReach(n, edges, sources, (i) => !removed.has(i));
        expect([...mask].map(Boolean)).toEqual(naive);
      }),
      runs,
    );
  });
});

describe('minCut: scale', () => {
  it('100,000 nodes and 400,000 edges complete without stack overflow (invariants only, no time limit)', () => {
    // Deterministic PRNG (mulberry32) so the graph is the same every run.
    let seed = 0x2545f491;
    const rand = (k: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * k);
    };
    const n = 100_000;
    const half = n / 2;
    const edges: CutEdge[] = [];
    // A 50,000-node chain from source 0 to sink 49,999, uncuttable but for every 5,000th edge:
    // its augmenting path is 50,000 arcs deep, which a recursive DFS could not follow.
    for (let v = 0; v + 1 < half; v++) edges.push({ from: v, to: v + 1, cuttable: (v + 1) % 5000 === 0 });
    edges.push({ from: half - 1, to: half + rand(half), cuttable: false });
    // A random graph on the other half: mostly cuttable, some grouped.
    while (edges.length < 400_000) {
      const from = half + rand(half);
      const to = half + rand(half);
      const cuttable = rand(10) !== 0;
      const g = rand(4);
      edges.push(g === 0 ? { from, to, cuttable, group: `policy-${rand(500)}` } : { from, to, cuttable });
    }
    const sources = [0, ...Array.from({ length: 20 }, () => half + rand(half))];
    const sinks = [half - 1, ...Array.from({ length: 20 }, () => half + rand(half))];

    const t0 = performance.now();
    const r = minCut(n, edges, sources, sinks);
    const ms = performance.now() - t0;
    console.log(`min-cut scale: ${n} nodes, ${edges.length} edges, possible ${r.possible}, cut ${r.edges.length} edges, ${r.groups.length} groups (exact ${r.groupsExact}) in ${ms.toFixed(0)} ms`);

    const uncuttablePath = sinks.some((t) => reachable(n, edges, sources, new Set(edges.flatMap((x, i) => (x.cuttable ? [i] : []))))[t]);
    expect(r.possible).toBe(!uncuttablePath);
    if (r.possible) {
      expect(r.edges.every((i) => edges[i]!.cuttable)).toBe(true);
      expect(r.edges).toEqual([...new Set(r.edges)].sort((x, y) => x - y));
      const after = reachable(n, edges, sources, new Set(r.edges));
      expect(sinks.some((t) => after[t])).toBe(false);
      const members = groupMembers(edges);
      const byGroup = new Set(r.groups.flatMap((g) => [...members.get(g)!]));
      const afterGroups = reachable(n, edges, sources, byGroup);
      expect(sinks.some((t) => afterGroups[t])).toBe(false);
    }
    // The chain carries one unit of flow and is cut once, at its first cuttable edge 4999 → 5000
    // (edge index 4999): the minimum cut closest to the sources.
    expect(r.edges.filter((i) => i < half - 1)).toEqual([4999]);
  });
});
