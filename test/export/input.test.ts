/**
 * `exportInput` against the per-pair oracle: its merged connect groups, expanded over their
 * member lists, are exactly the per-pair connect edges (`expandConnect`) with their decisions;
 * only the traversable ones unless `deniedConnect`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportInput } from '../../src/export/input.js';
import { shape } from '../../src/export/shape.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModel } from '../../src/ingest/index.js';
import type { Model } from '../../src/model/model.js';
import { cluster, loadDocs, manifests } from '../helpers/k8s-gen.js';
import { documents, topo } from '../helpers/native-gen.js';

const hop = (s: string, d: string, port: unknown, protocol: unknown, decisions: unknown) => `${s} ${d} ${String(port)}/${String(protocol)} ${JSON.stringify(decisions)}`;

function agree(m: Model): void {
  const oracle = buildGraph(m, { at: '2026-11-24', expandConnect: true }).graph;
  const built = buildGraph(m, { at: '2026-11-24' });
  for (const deniedConnect of [false, true]) {
    const want = new Set<string>();
    oracle.forEachEdge((_, a, s, d) => {
      if (a.kind !== 'connect' || (!deniedConnect && a.decisions.some((x) => x.decision === 'deny'))) return;
      want.add(hop(s, d, a.port, a.protocol, a.decisions.map(({ reason: _r, ...rest }) => rest)));
    });
    const input = exportInput(built, { deniedConnect });
    const got: string[] = [];
    for (const g of input.connect) for (const s of g.from) for (const d of g.to) if (s !== d) got.push(hop(s, d, g.port, g.protocol, g.decisions));
    expect(new Set(got).size, 'a hop in two groups').toBe(got.length);
    expect(new Set(got)).toEqual(want);
    expect(input.edges.length).toBe(oracle.size - oracle.filterEdges((_, a) => a.kind === 'connect').length);
    expect(() => shape(input)).not.toThrow();
  }
}

describe('exportInput', () => {
  it('native topologies: merged groups expand to the per-pair hops', () => {
    fc.assert(fc.property(topo, (t) => agree(loadDocs(documents(t)))), { numRuns: 40 });
  });

  it('Kubernetes and Istio clusters: merged groups expand to the per-pair hops', () => {
    fc.assert(fc.property(cluster, (c) => agree(loadDocs(manifests(c)))), { numRuns: 60 });
  });

  it('the demo: one group per destination class, port and decisions, sharing equal source lists', () => {
    const built = buildGraph(loadModel(['topologies/demo-shop']), { at: '2026-11-24' });
    const input = exportInput(built);
    const keys = input.connect.map((g) => `${g.to.join()} ${g.port}/${g.protocol} ${JSON.stringify(g.decisions)}`);
    expect(new Set(keys).size).toBe(keys.length);
    const byContent = new Map(input.connect.map((g) => [g.from.join(), g.from]));
    for (const g of input.connect) expect(g.from).toBe(byContent.get(g.from.join()));
    expect(input.connect.every((g) => g.traversable)).toBe(true);
  });
});
