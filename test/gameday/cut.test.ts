/** The game day's minimum cut on real attack graphs: removing its changes leaves no entry reaching a crown jewel. */
import { describe, expect, it } from 'vitest';
import { compact } from '../../src/engine/compact.js';
import { crownJewelPairs } from '../../src/engine/pairs.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModel } from '../../src/ingest/index.js';
import { cutPositions, minimumCut } from '../../src/gameday/cut.js';

for (const topology of ['topologies/demo-shop', 'topologies/k8s-demo', 'topologies/pipeline-demo']) {
  describe(`minimum cut of ${topology}`, () => {
    it('removed, leaves no (entry, crown jewel) pair from an entry that is not a crown jewel itself; changes ranked by the pairs each closes alone', () => {
      const b = buildGraph(loadModel([topology]), { at: '2026-12-04' });
      const g = compact(b.graph, {}, b.connect);
      const cut = minimumCut(b.graph, g);
      expect(cut.pairs).toBeGreaterThan(0);
      expect(cut.possible).toBe(true);
      const enforced = g.enforced.slice();
      for (const e of cutPositions(b.graph, g)) enforced[e] = 0;
      // Entries that are crown jewels themselves are not cut off (nothing separates a node from itself).
      const fromOthers = (pairs: Map<string, string[]>) => [...pairs].filter(([entry]) => b.graph.getNodeAttribute(entry, 'tier') !== 0);
      expect(fromOthers(crownJewelPairs(b.graph, g)).length).toBeGreaterThan(0);
      expect(fromOthers(crownJewelPairs(b.graph, { ...g, enforced }))).toEqual([]);
      expect(cut.changes.every((c) => c.edges.length > 0)).toBe(true);
      expect(cut.changes.map((c) => c.closes)).toEqual([...cut.changes.map((c) => c.closes)].sort((a, b) => b - a));
    });
  });
}
