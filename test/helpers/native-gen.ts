/** Random native topologies for property tests, as the YAML documents a user would write. */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compact, type CompactGraph } from '../../src/engine/compact.js';
import { reachFrom } from '../../src/engine/reach.js';
import { buildGraph } from '../../src/graph/build.js';
import type { LateralGraph } from '../../src/graph/types.js';
import { loadModel } from '../../src/ingest/index.js';
import type { Model } from '../../src/model/model.js';

export const NAMESPACES = ['n1', 'n2'];
const APPS = ['a', 'b', 'c'];
const IDS = ['sa1', 'sa2', 'sa3'];

export interface NetRule {
  action: 'allow' | 'deny';
  from: { namespace?: string; labels?: Record<string, string> };
  to: { namespace?: string; labels?: Record<string, string> };
  ports: number[];
}

export interface Topo {
  namespaces: { name: string; defaultDeny?: string[] | Record<string, string> }[];
  workloads: { name: string; namespace: string; labels: Record<string, string>; identity: string; ports: number[]; tier?: number; exploitable?: boolean }[];
  identities: { name: string; kind: 'workload'; tier?: number }[];
  resources: { name: string; type: string; tier: number; holds: string[] }[];
  grants: { identity: string; resource: string; actions: string[] }[];
  trust: { identity: string; mayAssume: string }[];
  policies: { name: string; layer: 'network' | 'mesh'; mode: 'enforce' | 'observe'; rules: unknown[] }[];
}

const selector = fc.record({ namespace: fc.constantFrom(...NAMESPACES), labels: fc.constantFrom(...APPS).map((app) => ({ app })) }, { requiredKeys: [] });
export const netRule: fc.Arbitrary<NetRule> = fc.record({
  action: fc.constantFrom('allow' as const, 'deny' as const),
  from: selector,
  to: selector,
  ports: fc.subarray([80, 443]),
});

export const topo: fc.Arbitrary<Topo> = fc.record({
  namespaces: fc.tuple(...NAMESPACES.map((name) => fc.constantFrom<Topo['namespaces'][number]>({ name }, { name, defaultDeny: ['network'] }, { name, defaultDeny: ['network', 'mesh'] }, { name, defaultDeny: { network: 'observe' } }))),
  workloads: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom('w1', 'w2', 'w3', 'w4', 'w5'),
      namespace: fc.constantFrom(...NAMESPACES),
      labels: fc.constantFrom(...APPS).map((app) => ({ app })),
      identity: fc.constantFrom(...IDS),
      ports: fc.subarray([80, 443], { minLength: 1 }),
      tier: fc.option(fc.constantFrom(0, 1, 2), { nil: undefined }),
      exploitable: fc.option(fc.boolean(), { nil: undefined }),
    }),
    { minLength: 2, maxLength: 5, selector: (w) => w.name },
  ),
  identities: fc.constant(IDS.map((name) => ({ name, kind: 'workload' as const }))),
  resources: fc.constant([{ name: 'vault', type: 'datastore', tier: 0, holds: [] }, { name: 'token', type: 'secret', tier: 1, holds: ['sa3'] }]),
  grants: fc.subarray([
    { identity: 'sa1', resource: 'vault', actions: ['read'] },
    { identity: 'sa2', resource: 'token', actions: ['read'] },
  ]),
  trust: fc.subarray([{ identity: 'sa3', mayAssume: 'sa1' }]),
  policies: fc.array(
    fc.record({ name: fc.constant('p'), layer: fc.constantFrom('network' as const, 'mesh' as const), mode: fc.constantFrom('enforce' as const, 'observe' as const), rules: fc.array(netRule, { maxLength: 3 }) }),
    { maxLength: 3 },
  ).map((ps) => ps.map((p, i) => ({ ...p, name: `p${i}`, rules: p.layer === 'mesh' ? p.rules.map(({ from: _from, ...r }) => r) : p.rules }))),
});

/** Documents of a topology, split into files in the given order. */
export function documents(t: Topo): Record<string, unknown>[] {
  const header = { apiVersion: 'lateral/v1', kind: 'Topology' };
  return [
    { ...header, namespaces: t.namespaces, identities: t.identities },
    { ...header, workloads: t.workloads },
    { ...header, resources: t.resources, grants: t.grants, trust: t.trust },
    { ...header, policies: t.policies },
  ];
}

/** Writes one file per document (JSON is YAML) and loads them, listed in `order`. */
export function load(t: Topo, order: readonly number[] = [0, 1, 2, 3]): Model {
  const dir = mkdtempSync(join(tmpdir(), 'lateral-prop-'));
  try {
    const docs = documents(t);
    const files = docs.map((doc, i) => {
      const file = join(dir, `d${i}.json`);
      writeFileSync(file, JSON.stringify(doc));
      return file;
    });
    return loadModel(order.map((i) => files[i]!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function built(m: Model): { graph: LateralGraph; g: CompactGraph } {
  const { graph, connect } = buildGraph(m, { at: '2026-11-24' });
  return { graph, g: compact(graph, {}, connect) };
}

/** Every entry's reachable node ids (controlled or reached over the network), enforced. */
export function reachable(m: Model): Map<string, string[]> {
  const { g } = built(m);
  const out = new Map<string, string[]>();
  for (let v = 0; v < g.n; v++) {
    const r = reachFrom(g, [v], g.enforced);
    const ids: string[] = [];
    for (let u = 0; u < 2 * g.n; u++) if (r[u]) ids.push(`${u >= g.n ? '~' : ''}${g.ids[u]}`);
    out.set(g.ids[v]!, ids.sort());
  }
  return out;
}
