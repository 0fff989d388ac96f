/** SARIF output: valid against the OASIS SARIF 2.1.0 schema (errata 01, vendored in test/fixtures), rules indexed, URIs relative to the root. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LINT_RULES } from '../../src/lint/index.js';
import { artifactUri, renderSarif } from '../../src/output/sarif.js';
import { sarifValidator } from '../helpers/sarif.js';
import { lintInputs } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const tool = { name: 'lateral', version: '0.1.0', informationUri: 'https://www.npmjs.com/package/lateral' };

describe('renderSarif', () => {
  it('is valid SARIF 2.1.0 with a result per finding, pointing at file and line', async () => {
    const result = await lintInputs(['topologies/demo-shop'], { at: '2026-07-15' });
    const sarif = renderSarif(result, LINT_RULES, { tool, root, cwd: root }) as {
      runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[];
    };
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(LINT_RULES.map((r) => r.id));
    expect(run.results).toHaveLength(result.findings.length);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
    }
    const expired = run.results.find((r) => r.ruleId === 'exception-expired')!;
    expect(expired.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'topologies/demo-shop/policies.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 47 } });
  });

  it('makes URIs relative to the root with forward slashes, absolute file: URIs outside it', () => {
    expect(artifactUri('topologies/demo-shop/policies.yaml', '/repo', '/repo')).toBe('topologies/demo-shop/policies.yaml');
    expect(artifactUri('../x/a b.yaml', '/repo', '/repo/sub')).toBe('x/a%20b.yaml');
    expect(artifactUri('/elsewhere/p.yaml', '/repo', '/repo')).toBe('file:///elsewhere/p.yaml');
  });

  it('rejects what the schema rules out (the validator is live)', () => {
    expect(sarifValidator()({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });
});
