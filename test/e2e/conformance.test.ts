/**
 * Conformance sets in the shape the held-back suites use: a directory under
 * test/fixtures/conformance with inputs and a probes.yaml, run as
 * `lateral probe <inputs> --probes probes.yaml --json`, expecting exit 0. Each restates an
 * example of the upstream documentation (Kubernetes NetworkPolicy, Istio authorization tasks)
 * or of the public IAM privilege-escalation catalogues.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateStdout } from '../helpers/schemas.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sets = join(root, 'test/fixtures/conformance');

describe('conformance sets', () => {
  for (const name of readdirSync(sets).sort()) {
    it(name, () => {
      const dir = join(sets, name);
      const inputs = readdirSync(dir).filter((f) => f !== 'probes.yaml').map((f) => join(dir, f));
      const r = spawnSync(process.execPath, ['dist/cli.js', 'probe', ...inputs, '--probes', join(dir, 'probes.yaml'), '--json'], { cwd: root, encoding: 'utf8' });
      validateStdout(['--json'], r.stdout);
      const failed = r.status === 0 ? [] : (JSON.parse(r.stdout) as { results: { from: string; to?: string; verdict: string; pass: boolean }[] }).results.filter((x) => !x.pass);
      expect(failed).toEqual([]);
      expect(r.status).toBe(0);
    });
  }
});
