/**
 * Scenarios run together share one build (the one simulate made, when given), each rogue
 * workload a build of its own: every scenario answers exactly as when run alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compact } from '../../src/engine/compact.js';
import { buildGraph } from '../../src/graph/build.js';
import { runScenarios } from '../../src/scenarios/run.js';
import type { LoadedScenario } from '../../src/scenarios/load.js';
import { scenarioSchema } from '../../src/model/scenario-schema.js';
import { cluster, loadDocs, manifests } from '../helpers/k8s-gen.js';
import { documents, topo } from '../helpers/native-gen.js';
import type { Model } from '../../src/model/model.js';

const rogue = fc.record({
  namespace: fc.constantFrom('a', 'b', 'c'),
  name: fc.constantFrom('rogue', 'intruder'),
  app: fc.constantFrom('web', 'api', 'db', 'other'),
  team: fc.constantFrom('x', 'y'),
  identity: fc.boolean(),
});

type Rogue = typeof rogue extends fc.Arbitrary<infer T> ? T : never;

function scenarios(model: Model, rogues: Rogue[]): LoadedScenario[] {
  const sa = model.identities.find((i) => i.kind === 'service-account')?.id;
  const tiered = model.workloads.find((w) => w.tier !== undefined)?.id;
  const list = rogues.map((r, i) => ({
    apiVersion: 'lateral/v1',
    kind: 'Scenario',
    name: `rogue-${i}`,
    attack: { kind: 'rogue-workload', namespace: r.namespace, name: r.name, labels: { app: r.app, team: r.team }, ...(r.identity && sa ? { identity: sa } : {}) },
    // A reference to the rogue itself and to a real node: both resolve as when it runs alone.
    expect: { 'must-not-reach': [`${r.namespace}/${r.name}`, ...(tiered ? [tiered] : [])] },
  }));
  const first = model.workloads[0];
  if (first) list.push({ apiVersion: 'lateral/v1', kind: 'Scenario', name: 'compromised', attack: { kind: 'compromised-workload', workload: first.id } as never, expect: { 'must-not-reach': [] } });
  return list.map((s) => ({ scenario: scenarioSchema.parse(s), file: `${s.name}.yaml` }));
}

function togetherEqualsAlone(model: Model, rogues: Rogue[], pivot: boolean): void {
  const all = scenarios(model, rogues);
  const options = { at: '2026-11-24', pivot };
  const alone = all.flatMap((s) => runScenarios(model, [s], options));
  expect(runScenarios(model, all, options)).toEqual(alone);
  const built = buildGraph(model, { at: options.at });
  expect(runScenarios(model, all, options, { graph: built.graph, g: compact(built.graph, { pivot }, built.connect) })).toEqual(alone);
}

/** Every service account may exec into every pod: edges into the rogues. */
const execEverywhere = [
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'exec' }, rules: [{ apiGroups: [''], resources: ['pods/exec', 'pods'], verbs: ['create', 'get'] }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'exec' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'exec' }, subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts' }] },
];

describe('scenarios run together', () => {
  it('answer as each run alone (Kubernetes and Istio, RBAC exec everywhere)', () => {
    fc.assert(
      fc.property(cluster, fc.array(rogue, { minLength: 2, maxLength: 4 }), fc.boolean(), (c, rogues, pivot) => togetherEqualsAlone(loadDocs([...manifests(c), ...execEverywhere]), rogues, pivot)),
      { numRuns: 60 },
    );
  });

  it('answer as each run alone (native topologies)', () => {
    fc.assert(
      fc.property(topo, fc.array(rogue, { minLength: 2, maxLength: 3 }), fc.boolean(), (t, rogues, pivot) => togetherEqualsAlone(loadDocs(documents(t)), rogues, pivot)),
      { numRuns: 40 },
    );
  });
});
