/**
 * Rules marked workloadIndependent find the same edges whatever workloads the model holds,
 * so a rogue's build may take them from the base build: that build equals a fresh one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEstate } from '../../src/generate/write.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModel } from '../../src/ingest/index.js';
import type { Model } from '../../src/model/model.js';
import { PolicyContext } from '../../src/policy/context.js';
import { RULES } from '../../src/rules/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'lateral-independent-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const at = '2026-11-24';

let model: Model;
let grown: Model;
beforeAll(async () => {
  writeEstate({ workloads: 120, seed: 7, out: tmp });
  model = await loadModel([join(tmp, 'k8s'), join(tmp, 'aws')]);
  // Another pod of the first workload's namespace, privileged and under another service
  // account: it adds runs-as, exec, node and connect edges.
  const [first] = model.workloads;
  const info = model.k8s.workloads.get(first!.id)!;
  const id = `${first!.namespace}/intruder`;
  const sa = model.identities.find((i) => i.kind === 'service-account' && i.id !== info.serviceAccount)!.id;
  const workloads = new Map(model.k8s.workloads);
  workloads.set(id, { ...info, serviceAccount: sa, security: { ...info.security, privileged: true } });
  grown = { ...model, workloads: [...model.workloads, { ...first!, id, name: 'intruder', identities: [sa], labels: { app: 'intruder' } }], k8s: { ...model.k8s, workloads } };
});

const sorted = (fs: { from: string; to: string; port?: number }[]) => JSON.stringify([...fs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));

describe('workload-independent rules', () => {
  it('are every AWS rule and every CI rule but deploy, and find something in the estate', () => {
    const flagged = RULES.filter((r) => r.workloadIndependent);
    expect(flagged.map((r) => r.id)).toEqual(RULES.filter((r) => r.id.startsWith('aws-') || (r.id.startsWith('ci-') && r.id !== 'ci-deploy')).map((r) => r.id));
    const ctx = new PolicyContext(model, { at });
    expect(flagged.reduce((n, r) => n + r.find(model, ctx).length, 0)).toBeGreaterThan(100);
  });

  it('find the same edges with a workload added', () => {
    const before = new PolicyContext(model, { at });
    const after = new PolicyContext(grown, { at });
    for (const rule of RULES.filter((r) => r.workloadIndependent)) expect(sorted(rule.find(grown, after)), rule.id).toBe(sorted(rule.find(model, before)));
  });

  it('let a build reuse another build’s findings and equal a fresh build', () => {
    const base = buildGraph(model, { at });
    const fresh = buildGraph(grown, { at });
    const reusing = buildGraph(grown, { at, reuse: base });
    expect(reusing.graph.export()).toEqual(fresh.graph.export());
    expect(reusing.edges).toBe(fresh.edges);
    // The workload's own edges are there: it was not reused away.
    expect(fresh.graph.outDegree(`${model.workloads[0]!.namespace}/intruder`)).toBeGreaterThan(0);
  });
});
