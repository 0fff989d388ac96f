/** .lateral.yaml: found upward, checked with located problems, and its suppressions applied or reported expired. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findConfig, readConfig } from '../../src/lint/config.js';
import { LINT_RULES } from '../../src/lint/index.js';
import { InputError } from '../../src/model/errors.js';
import { lines, lintInputs } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'lateral-lint-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ids = LINT_RULES.map((r) => r.id);

function write(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

let n = 0;
/** Each text in a folder of its own: the parser keeps a file's text by name for its line numbers. */
function problems(text: string): string[] {
  const file = write(`bad${++n}/.lateral.yaml`, text);
  try {
    readConfig(file, ids);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message.split('\n').map((l) => l.replace(dir, '<dir>'));
  }
}

describe('.lateral.yaml', () => {
  it('is found in the input folder or above it', () => {
    const file = write('repo/.lateral.yaml', 'observeMaxAgeDays: 10\n');
    mkdirSync(join(dir, 'repo/topology/sub'), { recursive: true });
    expect(findConfig(join(dir, 'repo/topology/sub'))).toBe(file);
    expect(readConfig(file, ids)).toMatchObject({ observeMaxAgeDays: 10, tierLabels: [], suppress: [], file });
  });

  it('names each problem as file:line: path: message', () => {
    expect(problems('observeMaxAgeDays: -1\ntierLabels: [tier]\nsuppress:\n  - { rule: missing-ownr, object: x, reason: r }\n  - { rule: missing-owner, object: x, reason: r, expires: 2026-13-40 }\ncolour: red\n')).toEqual([
      '<dir>/bad1/.lateral.yaml:1: observeMaxAgeDays: Too small: expected number to be >0',
      '<dir>/bad1/.lateral.yaml:5: suppress[1].expires: expected a real date YYYY-MM-DD',
      '<dir>/bad1/.lateral.yaml:6: colour: unknown field "colour"',
    ]);
    expect(problems('suppress:\n  - { rule: missing-ownr, object: x, reason: r }\n')).toEqual([`<dir>/bad2/.lateral.yaml:2: suppress[0].rule: unknown lint rule "missing-ownr"; known: ${ids.join(', ')}`]);
  });

  it('drops a suppressed finding, and reports an expired suppression beside the finding it no longer hides', async () => {
    const file = write(
      'suppress/.lateral.yaml',
      'suppress:\n  - { rule: static-credential, object: "identity:ci-deployer", reason: rotation planned, expires: 2026-12-31 }\n  - { rule: static-credential, object: "identity:card-db-admin", reason: vendor key, expires: 2026-05-01 }\n',
    );
    const config = readConfig(file, ids);
    const r = await lintInputs(['topologies/demo-shop'], { config, rules: LINT_RULES.filter((x) => x.id === 'static-credential' || x.id === 'expired-suppression') });
    expect(lines(r.findings).map((l) => l.replace(dir, '<dir>'))).toEqual([
      '<dir>/suppress/.lateral.yaml:3: warning: identity:card-db-admin: the suppression of static-credential for identity:card-db-admin ("vendor key") expired 2026-05-01 [expired-suppression]',
      'topologies/demo-shop/identities.yaml:22: warning: identity:card-db-admin: cloud-role holds a static credential 90 days old [static-credential]',
    ]);
    expect(r.suppressed).toBe(1);
  });
});
