/**
 * `lateral generate`: the same seed writes the same bytes; a small estate loads with no
 * problems and no skipped documents, in the sizes asked for; its scenarios load and run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEstate } from '../../src/generate/write.js';
import { loadModel } from '../../src/ingest/index.js';
import type { Model } from '../../src/model/model.js';
import { loadScenarios } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/scenarios/run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'lateral-generate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const kinds = (dir: string) => {
  const count = new Map<string, number>();
  for (const [name, text] of files(join(dir, 'k8s'))) {
    if (!name.endsWith('.yaml')) continue;
    for (const d of parseAllDocuments(text)) {
      const kind = (d.toJS() as { kind: string }).kind;
      count.set(kind, (count.get(kind) ?? 0) + 1);
    }
  }
  return count;
};

describe('determinism', () => {
  it('writes the same bytes for the same seed, and another estate for another seed', () => {
    const a = join(tmp, 'det-a');
    const b = join(tmp, 'det-b');
    const c = join(tmp, 'det-c');
    writeEstate({ workloads: 300, seed: 42, out: a });
    writeEstate({ workloads: 300, seed: 42, out: b });
    writeEstate({ workloads: 300, seed: 43, out: c });
    const fa = files(a);
    expect([...fa.keys()]).toEqual([...files(b).keys()]);
    for (const [name, text] of files(b)) expect(text, name).toBe(fa.get(name));
    expect(files(c).get('aws/account.json')).not.toBe(fa.get('aws/account.json'));
  });
});

describe('a small estate (60 workloads)', () => {
  const out = join(tmp, 'small');
  let model: Model;
  beforeAll(() => {
    writeEstate({ workloads: 60, seed: 1, out });
    model = loadModel([join(out, 'k8s'), join(out, 'aws')]); // throws on any problem
  });

  it('loads with no problems and no skipped documents', () => {
    expect(model.skipped).toEqual([]);
  });

  it('has the sizes asked for', () => {
    const count = kinds(out);
    expect(count.get('Deployment')).toBe(60);
    expect(count.get('Service')).toBe(60);
    expect(count.get('Namespace')).toBe(3); // max(3, 60/50)
    expect(model.workloads.filter((w) => w.kind === 'Deployment')).toHaveLength(60);
    // about N/5 NetworkPolicies
    expect(model.k8s.networkPolicies.length).toBeGreaterThanOrEqual(6);
    expect(model.k8s.networkPolicies.length).toBeLessThanOrEqual(24);
    const aws = JSON.parse(readFileSync(join(out, 'aws', 'account.json'), 'utf8')) as Record<string, unknown[]>;
    expect(aws.RoleDetailList).toHaveLength(12);
    expect(aws.UserDetailList).toHaveLength(2);
  });

  it('holds every layer: default-deny, mesh, RBAC, crown jewels, escalation-prone IAM', () => {
    expect(model.k8s.networkPolicies.some((p) => p.name === 'default-deny')).toBe(true);
    expect(model.k8s.peerAuthentications.some((p) => p.mtls?.mode === 'STRICT')).toBe(true);
    expect(model.k8s.authorizationPolicies.some((p) => (p.action ?? 'ALLOW') === 'ALLOW')).toBe(true);
    expect(model.k8s.bindings.some((b) => b.kind === 'ClusterRoleBinding' && b.roleRef.name === 'ops-admin')).toBe(true);
    expect(model.resources.some((r) => r.holds.length > 0)).toBe(true); // a service-account-token Secret
    expect([...model.workloads, ...model.resources].some((x) => x.tier === 0)).toBe(true);
    const text = readFileSync(join(out, 'aws', 'account.json'), 'utf8');
    for (const action of ['iam:PassRole', 'lambda:CreateFunction', 'iam:CreatePolicyVersion']) expect(text).toContain(action);
  });

  it('honours --namespaces', () => {
    const dir = join(tmp, 'ns7');
    writeEstate({ workloads: 60, namespaces: 7, seed: 1, out: dir });
    expect(kinds(dir).get('Namespace')).toBe(7);
    expect(kinds(dir).get('Deployment')).toBe(60);
  });

  it('has three scenarios that load and run', () => {
    const scenarios = loadScenarios([join(out, 'scenarios')]);
    expect(scenarios.map((s) => s.scenario.attack.kind).sort()).toEqual(['compromised-workload', 'rogue-workload', 'stolen-token']);
    for (const s of scenarios) {
      expect(s.scenario.defence).toBeDefined();
      expect(s.scenario.expect['must-not-reach'].length).toBeGreaterThan(0);
    }
    const results = runScenarios(model, scenarios, { at: '2026-11-24' });
    expect(results).toHaveLength(3);
    for (const r of results) expect(r.reached.length, r.name).toBeGreaterThan(0);
  });
});

describe('lateral generate (CLI)', () => {
  const lateral = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', 'generate', ...args], { cwd: root, encoding: 'utf8' });

  it('writes an estate and refuses a non-empty --out unless --force', () => {
    const dir = join(tmp, 'cli');
    const first = lateral('--workloads', '20', '--out', dir);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('20 workloads');
    const again = lateral('--workloads', '20', '--out', dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/exists and is not empty.*--force/);
    writeFileSync(join(dir, 'k8s', 'stale.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: stale }\n');
    const forced = lateral('--workloads', '20', '--out', dir, '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect(readdirSync(join(dir, 'k8s'))).not.toContain('stale.yaml');
  });

  it('rejects bad sizes with a usage error', () => {
    const dir = join(tmp, 'bad');
    mkdirSync(dir, { recursive: true });
    for (const args of [['--workloads', '0'], ['--workloads', '2.5'], ['--workloads', '5', '--namespaces', '9']]) {
      const r = lateral(...args, '--out', join(dir, args.join('')));
      expect(r.status, args.join(' ')).toBe(2);
    }
  });
});
