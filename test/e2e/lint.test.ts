/** `lateral lint` through the built CLI: SARIF that validates, the --severity gate, JSON against its schema, config problems. */
import { describe, expect, it, afterAll } from 'vitest';
import { lateral } from '../helpers/cli.js';
import { validateOutput } from '../helpers/schemas.js';
import { removeTrees, tree } from '../helpers/tree.js';
import { sarifValidator } from '../helpers/sarif.js';

const AT = ['--at', '2026-07-15'];

describe('lateral lint', () => {
  afterAll(removeTrees);

  it('prints valid SARIF 2.1.0 and exits 0 while no finding reaches --severity error', () => {
    const r = lateral('lint', 'topologies/demo-shop', ...AT, '--format', 'sarif');
    expect(r.code).toBe(0);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { name: string } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(sarif.runs[0]!.tool.driver.name).toBe('lateral');
    expect(sarif.runs[0]!.results.every((x) => x.level !== 'error')).toBe(true);
    expect(sarif.runs[0]!.results.find((x) => x.ruleId === 'exception-expired')!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('topologies/demo-shop/policies.yaml');
  });

  it('writes a GitLab code-quality report: paths from the repository root, severities mapped, stable fingerprints', () => {
    const run = () => JSON.parse(lateral('lint', 'test/fixtures/diff/head', ...AT, '--format', 'codequality').stdout) as { check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
    const report = run();
    expect(report.find((x) => x.check_name === 'wildcard-network-ingress')).toMatchObject({ severity: 'critical', location: { path: 'test/fixtures/diff/head/shop.yaml', lines: { begin: 44 } } });
    expect(report.every((x) => /^[0-9a-f]{64}$/.test(x.fingerprint))).toBe(true);
    expect(new Set(report.map((x) => x.fingerprint)).size).toBe(report.length);
    expect(run().map((x) => x.fingerprint)).toEqual(report.map((x) => x.fingerprint));
  });

  it('exits 1 with --severity warning, naming how many findings fail', () => {
    const r = lateral('lint', 'topologies/demo-shop', ...AT, '--format', 'sarif', '--severity', 'warning');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lateral lint: \d+ findings at or above warning/);
  });

  it('prints JSON valid against lateral-lint/1 with --json and --format json', () => {
    for (const flag of [['--json'], ['--format', 'json']]) {
      const r = lateral('lint', 'topologies/demo-shop', ...AT, ...flag);
      const out = validateOutput(JSON.parse(r.stdout) as { format: string; counts: { error: number } });
      expect(out.format).toBe('lateral-lint/1');
      expect(out.counts.error).toBe(0);
    }
  });

  it('exits 2 on a config problem, located file:line: path: message', () => {
    const dir = tree({ '.lateral.yaml': 'observeMaxAgeDays: 30\nsuppress:\n  - { rule: no-such-rule, object: x, reason: r }\n', 't.yaml': 'apiVersion: lateral/v1\nkind: Topology\nworkloads: [{ name: a, owner: t }]\n' });
    const r = lateral('lint', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}/.lateral.yaml:3: suppress[0].rule: unknown lint rule "no-such-rule"`);
  });
});
