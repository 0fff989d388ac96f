/**
 * The JSON contract: schemas/ holds what scripts/schemas.mjs writes, each compiles under
 * ajv's strict mode, and validation rejects what the contract rules out.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GAMEDAY_FORMAT } from '../../src/gameday/report.js';
import { JSON_FORMATS, jsonOutput } from '../../src/cli/common.js';
import { schemaValidators, validateOutput } from '../helpers/schemas.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const decision = { layer: 'network', decision: 'allow', policy: 'p', rule: '0', reason: 'r' };
const probeOutput = () => ({ format: 'lateral-probe/1', results: [{ from: 'a', to: 'b', port: 80, verdict: 'allow', pass: null, reasons: [{ ...decision }] }] });

describe('schemas/', () => {
  it('is what scripts/schemas.mjs writes', () => {
    const r = spawnSync(process.execPath, ['scripts/schemas.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('has one draft 2020-12 schema per --json format and per report file, and ships in the package', () => {
    const formats = [...Object.values(JSON_FORMATS), GAMEDAY_FORMAT];
    expect([...schemaValidators().keys()].sort()).toEqual(formats.sort());
    for (const format of formats) {
      const schema = JSON.parse(readFileSync(`${root}schemas/${format.replace('/', '-')}.schema.json`, 'utf8')) as { $schema: string; additionalProperties: boolean };
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.additionalProperties).toBe(false);
    }
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schemas');
  });
});

describe('jsonOutput', () => {
  it('puts format first and warnings last, only when there are any', () => {
    expect(Object.keys(jsonOutput('probe', { results: [] }, []))).toEqual(['format', 'results']);
    const w = { kind: 'unknown-iam-action' as const, action: 's3:Gett', why: 'unknown', suggestions: [], in: ['x'] };
    expect(Object.keys(jsonOutput('who-can', { action: 'a', resource: 'r', principals: [] }, [w]))).toEqual(['format', 'action', 'resource', 'principals', 'warnings']);
    // graph's own format stays its value and its place
    expect(jsonOutput('graph', { format: 'lateral-graph/2', nodes: [] }, [])).toEqual({ format: 'lateral-graph/2', nodes: [] });
  });
});

describe('validateOutput', () => {
  it('accepts a valid output', () => {
    expect(() => validateOutput(probeOutput())).not.toThrow();
  });

  it('rejects an output without format, or of an unknown one', () => {
    expect(() => validateOutput({ results: [] })).toThrow(/without a format/);
    expect(() => validateOutput({ ...probeOutput(), format: 'lateral-probe/9' })).toThrow(/no schema for format lateral-probe\/9/);
  });

  it('rejects an unknown top-level key, a numeric rule and a verdict outside the enum, with the path', () => {
    expect(() => validateOutput({ ...probeOutput(), extra: 1 })).toThrow(/additional properties/);
    const numeric = probeOutput();
    (numeric.results[0]!.reasons[0] as { rule: unknown }).rule = 0;
    expect(() => validateOutput(numeric)).toThrow(/\/results\/0\/reasons\/0\/rule must be string/);
    const verdict = probeOutput();
    verdict.results[0]!.verdict = 'maybe';
    expect(() => validateOutput(verdict)).toThrow(/\/results\/0\/verdict must be equal to one of the allowed values/);
  });
});
