/**
 * End-to-end: no input is passed over without a word. Dot-folders are read, unread files
 * are listed on stderr, NDJSON loads, and a scenario folder holding nothing fails the gate.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTrees, serviceAccountJson, tree as treeIn } from '../helpers/tree.js';
import { lateral } from '../helpers/cli.js';

const AT = ['--at', '2026-11-24'];

afterEach(removeTrees);
const tree = (files: Record<string, string>) => treeIn(files, 'lateral-e2e-inputs-');
const SA = serviceAccountJson;

describe('inputs are never skipped without a word', () => {
  it('reads dot-folders and lists unread files on stderr', () => {
    const dir = tree({
      '.config/settings.yml': 'retries: 3\n',
      'notes.md': '# notes\n',
      '.git/HEAD.yaml': 'a: 1\n',
      'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: a, namespace: n }\n',
    });
    const r = lateral('simulate', dir, ...AT);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      'lateral: skipped 1 document and 1 file (--verbose lists each, --json has them all)',
      '  no input format recognises: 1 document',
      `  files no format reads: ${dir}/notes.md`,
    ]);
    expect(lateral('simulate', dir, ...AT, '--verbose').stderr.split('\n').slice(0, 3)).toEqual([
      'lateral: skipped 1 document and 1 file',
      `  ${dir}/.config/settings.yml:1: doc 0: no input format recognises this document`,
      `  ${dir}/notes.md: not YAML, JSON or NDJSON (.yaml, .yml, .json, .ndjson, .jsonl): no input format reads it`,
    ]);
    const json = JSON.parse(lateral('simulate', dir, ...AT, '--json').stdout) as { summary: { skipped: number; identities: number } };
    expect(json.summary).toMatchObject({ skipped: 2, identities: 1 });
  });

  it('summarises skips by cause and kind, the commonest kind first', () => {
    const doc = (apiVersion: string, kind: string, name: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: ${name}, namespace: n }\n`;
    const dir = tree({
      'mesh.yaml': [doc('networking.istio.io/v1', 'VirtualService', 'a'), doc('networking.istio.io/v1', 'Gateway', 'g'), doc('networking.istio.io/v1', 'VirtualService', 'b')].join('---\n'),
      'sa.yaml': doc('v1', 'ServiceAccount', 'a'),
      'deny.yaml': `${doc('networking.k8s.io/v1', 'NetworkPolicy', 'deny')}spec: { podSelector: {} }\n`,
      'deny-again.yaml': `${doc('networking.k8s.io/v1', 'NetworkPolicy', 'deny')}spec: { podSelector: {} }\n`,
      'attack.yaml': 'apiVersion: lateral/v1\nkind: Scenario\nname: x\n',
    });
    const r = lateral('simulate', dir, ...AT);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      'lateral: skipped 5 documents (--verbose lists each, --json has them all)',
      '  not read by lateral: 2 VirtualService, 1 Gateway',
      '  scenarios, not topologies (pass them with --scenario): 1 Scenario',
      '  defined twice (the later definition is used): 1 document',
    ]);
    const json = JSON.parse(lateral('graph', dir, ...AT, '--json').stdout) as { skipped: { cause: string }[] };
    expect(json.skipped.map((s) => s.cause).sort()).toEqual(['defined-twice', 'scenario', 'unread-kind', 'unread-kind', 'unread-kind']);
  });

  it('reports an unrendered Helm template once, at its first template line, with exit 2 and no Node warning', () => {
    const dir = tree({
      'templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n  labels:\n{{- include "x.labels" . | nindent 4 }}\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.X }}\n        env: { IMG: "{{ .Values.x }}" }\n',
    });
    const r = lateral('simulate', dir, ...AT);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'lateral: 1 problem in the input:',
      `${dir}/templates/deployment.yaml:4: looks like an unrendered Helm/Go template ({{ … }} where YAML expects a value): render it first (\`helm template …\`)`,
    ]);
  });

  it('points a field error at the field’s own line, in YAML, JSON and a later document', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          ports:\n            - containerPort: "eighty"\n';
    const json = JSON.stringify({ apiVersion: 'lateral/v1', kind: 'Topology', workloads: [{ name: 'web', namespace: 'shop' }, { name: 'db', namespace: 'shop', tier: 5 }] }, null, 2);
    const dir = tree({ 'one.yaml': deployment, 'two.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n${deployment}`, 'topology.json': json });
    const r = lateral('simulate', dir, ...AT);
    expect(r.code).toBe(2);
    const field = 'spec.template.spec.containers[0].ports[0].containerPort: Invalid input: expected number, received string';
    expect(r.stderr.trim().split('\n')).toEqual([
      'lateral: 3 problems in the input:',
      `${dir}/one.yaml:17: ${field}`,
      `${dir}/topology.json:${json.split('\n').findIndex((l) => l.includes('"tier"')) + 1}: workloads[1].tier: expected tier 0, 1 or 2 (0 is a crown jewel)`,
      `${dir}/two.yaml:22: ${field}`,
    ]);
  });

  it('loads NDJSON, and points a bad line at file:line with exit 2', () => {
    const good = tree({ 'sas.ndjson': `${SA('n', 'a')}\n${SA('n', 'b')}\n` });
    const ok = lateral('simulate', good, ...AT, '--json');
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { summary: { identities: number } }).summary.identities).toBe(2);
    const bad = tree({ 'sas.jsonl': `${SA('n', 'a')}\n{oops\n` });
    const r = lateral('simulate', bad, ...AT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}/sas.jsonl:2: invalid JSON on this line (NDJSON: one JSON document per line):`);
  });

  it('--scenario pointed at a folder with no scenario exits 2', () => {
    const empty = tree({ 'README.md': 'scenarios live elsewhere\n' });
    const r = lateral('simulate', 'topologies/demo-shop', '--scenario', empty, ...AT);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`lateral: no scenarios in ${empty}\n`);
  });
});

describe('policies that enforce nothing', () => {
  const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: c, image: x, ports: [{ containerPort: 8080 }] }] }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: api-callers, namespace: shop }
spec: { selector: { matchLabels: { app: api } }, rules: [{}] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: shpo }
spec: { podSelector: {} }
`;
  const AUTHZ = 'AuthorizationPolicy shop/api-callers selects 0 workloads with a sidecar: it enforces nothing (it selects 1 workload, none injected)';
  const NS = 'NetworkPolicy shpo/deny: namespace shpo does not exist (no input defines it and nothing runs in it), so it applies to nothing';

  it('are warnings on stderr of simulate and explain, and under warnings in --json', () => {
    const dir = tree({ 'cluster.yaml': CLUSTER });
    const file = `${dir}/cluster.yaml`;
    const stderr = ['lateral: warning: 2 policies enforce nothing', `  ${file}:14: ${AUTHZ} [inert-authz]`, `  ${file}:19: ${NS} [missing-namespace]`, ''].join('\n');
    const sim = lateral('simulate', dir, ...AT);
    expect(sim.code).toBe(0);
    expect(sim.stderr).toBe(stderr);
    const explain = lateral('explain', dir, '--from', 'shop/api', '--to', 'shop/api', '--port', '8080', ...AT);
    expect(explain.code).toBe(0);
    expect(explain.stderr).toBe(stderr);
    for (const args of [['simulate', dir], ['explain', dir, '--from', 'shop/api', '--to', 'shop/api', '--port', '8080']]) {
      const out = JSON.parse(lateral(...args, ...AT, '--json').stdout) as { warnings: unknown[] };
      expect(out.warnings).toEqual([
        { kind: 'inert-authz', policy: { kind: 'AuthorizationPolicy', namespace: 'shop', name: 'api-callers' }, why: AUTHZ, file, line: 14 },
        { kind: 'missing-namespace', policy: { kind: 'NetworkPolicy', namespace: 'shpo', name: 'deny' }, why: NS, file, line: 19 },
      ]);
    }
  });

  it('list the first three before the answer, and every one with --verbose', () => {
    const policies = [1, 2, 3, 4, 5].map((i) => `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny-${i}, namespace: gone-${i} }\nspec: { podSelector: {} }\n`);
    const dir = tree({ 'cluster.yaml': policies.join('') });
    const lines = lateral('simulate', dir, ...AT).stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('lateral: warning: 5 policies enforce nothing');
    expect(lines.slice(1, 4).every((l) => /NetworkPolicy gone-[123]\/deny-[123]: /.test(l))).toBe(true);
    expect(lines.slice(4)).toEqual(['  … and 2 more (--verbose lists them, --json has them under warnings)']);
    const verbose = lateral('simulate', dir, ...AT, '--verbose').stderr.trimEnd().split('\n');
    expect(verbose).toHaveLength(6);
    expect(verbose.at(-1)).toMatch(/NetworkPolicy gone-5\/deny-5: /);
  });

  it('are none when the policy selects a workload with a sidecar', () => {
    const dir = tree({ 'cluster.yaml': CLUSTER.replace('metadata: { name: shop }', 'metadata: { name: shop, labels: { istio-injection: enabled } }').replace('shpo', 'shop') });
    const r = lateral('simulate', dir, ...AT, '--json');
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { warnings?: unknown }).warnings).toBeUndefined();
  });
});
