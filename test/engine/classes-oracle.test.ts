/**
 * The class engine against the per-pair oracle: on generated native and Kubernetes/Istio
 * topologies, connect hops through endpoint classes must give exactly what one edge per
 * (workload, workload, port) gives — reached sets, access kinds, times, blast radius,
 * blocked % with its layers, explained paths, the estate and containment — with and
 * without --strict-conditions and --pivot. And every member pair of a class pair gets the
 * very decisions the class stands for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/engine/analyze.js';
import { compact, type CompactGraph } from '../../src/engine/compact.js';
import { contain } from '../../src/engine/contain.js';
import { analyzeEstate } from '../../src/engine/estate.js';
import { fastestTimes } from '../../src/engine/times.js';
import { buildGraph } from '../../src/graph/build.js';
import type { LateralGraph } from '../../src/graph/types.js';
import type { Model } from '../../src/model/model.js';
import { blocks, type Decision } from '../../src/policy/decision.js';
import { decideHop } from '../../src/policy/hop.js';
import { cluster, loadDocs, manifests } from '../helpers/k8s-gen.js';
import { documents, topo } from '../helpers/native-gen.js';

const OPTIONS = [{}, { strictConditions: true }, { pivot: true }, { strictConditions: true, pivot: true }];

interface Engine {
  graph: LateralGraph;
  g: CompactGraph;
}

function engines(m: Model, options: { strictConditions?: boolean; pivot?: boolean }): { pairs: Engine; classes: Engine; edges: [number, number] } {
  const perPair = buildGraph(m, { at: '2026-11-24', expandConnect: true });
  const byClass = buildGraph(m, { at: '2026-11-24' });
  return {
    pairs: { graph: perPair.graph, g: compact(perPair.graph, options) },
    classes: { graph: byClass.graph, g: compact(byClass.graph, options, byClass.connect) },
    edges: [perPair.edges, byClass.edges],
  };
}

function answers(e: Engine, options: { strictConditions?: boolean }) {
  const { graph, g } = e;
  const kinds = g.ids.slice(0, g.n).map((id) => graph.getNodeAttribute(id, 'kind'));
  const entries = g.ids.slice(0, g.n).filter((_, v) => kinds[v] !== 'resource' && kinds[v] !== 'secret');
  return {
    estate: analyzeEstate(graph, g),
    entries: entries.map((entry) => {
      const source = g.index.get(entry)!;
      const times = fastestTimes(g, source, g.enforced);
      return {
        result: analyzeEntry(graph, g, entry, options),
        windowed: analyzeEntry(graph, g, entry, { ...options, sourceWindow: 45 }),
        revoke: contain(g, kinds, source, times, g.enforced, 40, 'revoke'),
        quarantine: contain(g, kinds, source, times, g.enforced, 40, 'quarantine'),
      };
    }),
  };
}

function agree(m: Model): void {
  for (const options of OPTIONS) {
    const { pairs, classes, edges } = engines(m, options);
    expect(edges[1]).toBe(edges[0]);
    expect(answers(classes, options)).toEqual(answers(pairs, options));
  }
}

/**
 * Every member pair of every class pair: decideHop without its reasons equals the class's
 * decisions, and the class pair is open (its bit rows) exactly when some port lets the pair through.
 */
function classesHold(m: Model): void {
  const { connect, ctx } = buildGraph(m, { at: '2026-11-24' });
  const c = connect!;
  c.combos.forEach((sources, s) =>
    c.targets.forEach((t, d) => {
      for (const strict of [false, true]) {
        const lets = t.ports.some((_, k) => !c.decisions(s, d, k).some((x) => blocks(x as Decision, strict)));
        expect(c.open(s, d, strict), `source class ${s} → target class ${d}${strict ? ' (strict)' : ''}`).toBe(lets);
      }
      t.ports.forEach((_, k) => {
        const expected = c.decisions(s, d, k);
        for (const i of sources) {
          for (const j of t.members) {
            if (i === j) continue;
            const p = c.ports[j]![k]!;
            const got = decideHop(ctx, { from: { workload: c.workloads[i]! }, to: { workload: c.workloads[j]! }, port: p.port, protocol: p.protocol }).map(({ reason: _r, ...rest }) => rest);
            expect(got, `${c.workloads[i]!.id} → ${c.workloads[j]!.id}:${p.port}`).toEqual(expected);
          }
        }
      });
    }),
  );
}

describe('connect hops by endpoint class', () => {
  it('native topologies: the class engine answers exactly as the per-pair engine', () => {
    fc.assert(fc.property(topo, (t) => agree(loadDocs(documents(t)))), { numRuns: 60 });
  });

  it('Kubernetes and Istio clusters: the class engine answers exactly as the per-pair engine', () => {
    fc.assert(fc.property(cluster, (c) => agree(loadDocs(manifests(c)))), { numRuns: 80 });
  });

  it('two workloads in one class get identical decisions from every engine', () => {
    fc.assert(fc.property(cluster, (c) => classesHold(loadDocs(manifests(c)))), { numRuns: 250 });
    fc.assert(fc.property(topo, (t) => classesHold(loadDocs(documents(t)))), { numRuns: 60 });
  });
});
