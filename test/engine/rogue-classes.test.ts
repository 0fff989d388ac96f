/**
 * A rogue joins the base build's endpoint classes as a source (ConnectClasses.withSource)
 * instead of a rebuild of them: the graph, the rogue's row and decisions towards every target
 * class, and every answer from it equal those of a build from scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/engine/analyze.js';
import { compact } from '../../src/engine/compact.js';
import { buildGraph } from '../../src/graph/build.js';
import type { Model, Workload } from '../../src/model/model.js';
import { addRogue } from '../../src/scenarios/run.js';
import { cluster, loadDocs, manifests } from '../helpers/k8s-gen.js';
import { documents, topo } from '../helpers/native-gen.js';

const AT = '2026-11-24';
const rogue = fc.record({
  namespace: fc.constantFrom('a', 'b', 'c', 'n1', 'n2', 'elsewhere'),
  app: fc.constantFrom('web', 'api', 'db', 'other'),
  team: fc.constantFrom('x', 'y'),
  identity: fc.boolean(),
  strict: fc.boolean(),
  pivot: fc.boolean(),
});

function sameAsFromScratch(model: Model, r: typeof rogue extends fc.Arbitrary<infer T> ? T : never): boolean {
  const sa = model.identities.find((i) => i.kind === 'service-account' || i.kind === 'workload')?.id;
  const w: Workload = { id: `${r.namespace}/rogue`, name: 'rogue', namespace: r.namespace, kind: 'rogue', labels: { app: r.app, team: r.team }, identities: r.identity && sa ? [sa] : [], ports: [], isolation: {} };
  const withRogue = addRogue(model, w);
  const base = buildGraph(model, { at: AT });
  const fresh = buildGraph(withRogue, { at: AT });
  const reused = buildGraph(withRogue, { at: AT, reuse: base });
  expect(reused.graph.export()).toEqual(fresh.graph.export());
  expect(reused.edges).toBe(fresh.edges);
  const [f, g] = [fresh.connect!, reused.connect!];
  const comboOf = (c: typeof f) => c.combo[c.workloads.findIndex((x) => x.id === w.id)]!;
  // The same target classes in the same order, their members named by id (indexes follow each build's workload order).
  const named = (c: typeof f) => c.targets.map((t) => ({ ports: t.ports, members: t.members.map((i) => c.workloads[i]!.id) }));
  expect(named(g)).toEqual(named(f));
  f.targets.forEach((t, ti) => {
    expect(g.open(comboOf(g), ti, r.strict), `open to target class ${ti}`).toBe(f.open(comboOf(f), ti, r.strict));
    t.ports.forEach((_, k) => expect(g.decisions(comboOf(g), ti, k)).toEqual(f.decisions(comboOf(f), ti, k)));
  });
  const options = { strictConditions: r.strict, pivot: r.pivot };
  const answer = (b: typeof fresh) => analyzeEntry(b.graph, compact(b.graph, options, b.connect), w.id, { strictConditions: r.strict });
  expect(answer(reused)).toEqual(answer(fresh));
  return true;
}

/** Every service account may exec into every pod: edges into the rogue. */
const execEverywhere = [
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'exec' }, rules: [{ apiGroups: [''], resources: ['pods/exec', 'pods'], verbs: ['create', 'get'] }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'exec' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'exec' }, subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts' }] },
];

describe('a rogue in the base build’s classes', () => {
  it('equals a build from scratch (Kubernetes, Istio, RBAC)', () => {
    fc.assert(fc.property(cluster, rogue, (c, r) => sameAsFromScratch(loadDocs([...manifests(c), ...execEverywhere]), r)), { numRuns: 80 });
  });

  it('equals a build from scratch (native topologies)', () => {
    fc.assert(fc.property(topo, rogue, (t, r) => sameAsFromScratch(loadDocs(documents(t)), r)), { numRuns: 60 });
  });
});
