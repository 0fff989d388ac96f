/** Native topology ingest: merging, skipping, and every problem reported with file:line. */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/ingest/index.js';
import { loadYaml, problemsOf } from '../helpers/load-yaml.js';

const HEAD = 'apiVersion: lateral/v1\nkind: Topology\n';

describe('native ingest', () => {
  it('loads the demo shop', () => {
    const m = loadModel(['topologies/demo-shop']);
    expect([m.namespaces.length, m.workloads.length, m.identities.length, m.resources.length, m.pipelines.length]).toEqual([4, 15, 19, 6, 2]);
    expect(m.workloads.find((w) => w.id === 'payments/card-db')?.tier).toBe(0);
  });

  it('merges documents across files, references resolving across them', () => {
    const m = loadYaml({
      'a.yaml': `${HEAD}identities: [{ name: sa, kind: workload }]\n`,
      'b.yaml': `${HEAD}workloads: [{ name: web, namespace: shop, identity: sa }]\n---\n${HEAD}namespaces: [{ name: shop }]\n`,
    });
    expect(m.workloads.map((w) => [w.id, w.identities])).toEqual([['shop/web', ['identity:sa']]]);
  });

  it('reports every problem, each as file:line: path: message', () => {
    expect(
      problemsOf({
        'bad.yaml': `${HEAD}workloads:
  - { name: web, namespace: shop, colour: blue }
  - { name: api, ports: [http] }
identities:
  - { name: sa, kind: robot }
`,
        'refs.yaml': `${HEAD}workloads:
  - { name: db, identity: ghost }
grants:
  - { identity: nobody, resource: nothing, actions: [read] }
`,
      }),
    ).toEqual([
      'bad.yaml:4: workloads[0].colour: unknown field "colour"',
      'bad.yaml:5: workloads[1].ports[0]: expected number, received string; or expected object, received string',
      'bad.yaml:7: identities[0].kind: Invalid option: expected one of "workload"|"human"|"pipeline"|"cloud-role"',
      'refs.yaml:4: workloads[0].identity: unknown identity "ghost"',
      'refs.yaml:6: grants[0].identity: unknown identity "nobody"',
      'refs.yaml:6: grants[0].resource: unknown resource "nothing"',
    ]);
  });

  it('reports malformed YAML with its line', () => {
    const [line] = problemsOf({ 'broken.yaml': `${HEAD}workloads:\n  - { name: web\n` });
    expect(line).toMatch(/^broken\.yaml:\d+: /);
  });

  it('reports duplicate ids', () => {
    expect(problemsOf({ 'd.yaml': `${HEAD}workloads: [{ name: web }, { name: web }]\n` })).toEqual(['d.yaml:3: workloads[1]: duplicate id "default/web" (first defined in d.yaml)']);
  });

  it('skips unknown kinds with a reason and counts them', () => {
    const m = loadYaml({ 'x.yaml': `${HEAD}namespaces: [{ name: a }]\n---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: { name: g }\n---\napiVersion: lateral/v1\nkind: Scenario\nname: s\n` });
    expect(m.skipped.map((s) => [s.kind, s.reason])).toEqual([
      ['Gadget', expect.stringContaining('Gadget') as unknown as string],
      ['Scenario', 'a scenario, not a topology: pass it with --scenario'],
    ]);
  });

  it('refuses YAML alias bombs', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    const problems = problemsOf({ 'bomb.yaml': `${bomb}\n` });
    expect(problems.join('\n')).toMatch(/alias/i);
  });
});
