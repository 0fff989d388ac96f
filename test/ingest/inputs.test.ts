/**
 * No input is passed over without a word: dot-folders are walked (never .git/ or
 * node_modules/), files no format reads are listed as skipped, NDJSON is a sequence of
 * documents with problems at file:line, and a scenario path holding nothing is an error.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTrees, serviceAccountJson, tree } from '../helpers/tree.js';
import { listInputs } from '../../src/ingest/files.js';
import { loadModel } from '../../src/ingest/index.js';
import { parseFile } from '../../src/ingest/parse.js';
import { loadScenarios } from '../../src/scenarios/load.js';
import { InputError, UsageError } from '../../src/model/errors.js';

afterEach(removeTrees);
const SA = serviceAccountJson;

describe('walking a directory', () => {
  it('walks dot-folders and dot-files, never .git/ or node_modules/', () => {
    const dir = tree({
      '.github/workflows/ci.yml': 'on: push\n',
      '.gitlab-ci.yml': 'stages: [build]\n',
      '.config/app/x.yaml': 'a: 1\n',
      'k8s/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: a, namespace: n }\n',
      '.git/config.yaml': 'a: 1\n',
      'node_modules/p/x.yaml': 'a: 1\n',
      'sub/node_modules/q.json': '{}',
    });
    const { read, unread } = listInputs([dir]);
    expect(read.map((f) => relative(dir, f))).toEqual(['.config/app/x.yaml', '.github/workflows/ci.yml', '.gitlab-ci.yml', 'k8s/sa.yaml']);
    expect(unread).toEqual([]);
  });

  it('lists every file no format reads as skipped, after the documents', () => {
    const dir = tree({
      'README.md': '# notes\n',
      '.env': 'A=1\n',
      'scripts/run.sh': 'echo\n',
      '.config/settings.yml': 'retries: 3\n',
      'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: a, namespace: n }\n',
    });
    const m = loadModel([dir]);
    expect(m.skipped.map((s) => [relative(dir, s.file), s.doc, s.reason])).toEqual([
      ['.config/settings.yml', 0, 'no input format recognises this document'],
      ['.env', undefined, 'not YAML, JSON or NDJSON (.yaml, .yml, .json, .ndjson, .jsonl): no input format reads it'],
      ['README.md', undefined, 'not YAML, JSON or NDJSON (.yaml, .yml, .json, .ndjson, .jsonl): no input format reads it'],
      ['scripts/run.sh', undefined, 'not YAML, JSON or NDJSON (.yaml, .yml, .json, .ndjson, .jsonl): no input format reads it'],
    ]);
    expect(m.identities.map((i) => i.id)).toEqual(['system:serviceaccount:n:a']);
  });

  it('reads a file named on the command line whatever its extension', () => {
    const dir = tree({ 'sa.txt': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: a, namespace: n }\n' });
    const m = loadModel([join(dir, 'sa.txt')]);
    expect(m.identities.map((i) => i.id)).toEqual(['system:serviceaccount:n:a']);
    expect(m.skipped).toEqual([]);
  });

  it('follows a link to a file, and lists a link to a directory as not followed', () => {
    const dir = tree({ 'real/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: a, namespace: n }\n' });
    const walked = join(dir, 'walked');
    mkdirSync(walked);
    symlinkSync(join(dir, 'real/sa.yaml'), join(walked, 'link.yaml'));
    symlinkSync(join(dir, 'real'), join(walked, 'dir-link'));
    symlinkSync(join(dir, 'nowhere'), join(walked, 'broken.yaml'));
    const { read, unread } = listInputs([walked]);
    expect(read.map((f) => relative(walked, f))).toEqual(['link.yaml']);
    expect(unread.map((u) => [relative(walked, u.file), u.reason])).toEqual([
      ['broken.yaml', 'a symbolic link to nothing'],
      ['dir-link', 'a symbolic link to a directory: not followed'],
    ]);
  });
});

describe('NDJSON', () => {
  it('reads .ndjson and .jsonl as one document per line, dispatched like YAML documents', () => {
    const dir = tree({
      'a.ndjson': `${SA('n', 'a')}\n\n${SA('n', 'b')}\n`,
      'b.jsonl': `${SA('m', 'c')}\r\n{"flow": 1}\r\n`,
    });
    const m = loadModel([dir]);
    expect(m.identities.map((i) => i.id).sort()).toEqual(['system:serviceaccount:m:c', 'system:serviceaccount:n:a', 'system:serviceaccount:n:b']);
    expect(m.skipped.map((s) => [relative(dir, s.file), s.line, s.reason])).toEqual([['b.jsonl', 2, 'no input format recognises this document']]);
  });

  it('reads a .json file of one object per line as NDJSON', () => {
    const dir = tree({ 'flows.json': `${SA('n', 'a')}\n${SA('n', 'b')}\n` });
    const parsed = parseFile(join(dir, 'flows.json'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.docs.map((d) => [d.index, d.lineOf(['metadata', 'name'])])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(loadModel([dir]).identities.map((i) => i.id)).toEqual(['system:serviceaccount:n:a', 'system:serviceaccount:n:b']);
  });

  it('points a bad line at file:line and still reads the others', () => {
    const dir = tree({ 'a.ndjson': `${SA('n', 'a')}\n{"kind": oops}\n${SA('n', 'b')}\n` });
    const parsed = parseFile(join(dir, 'a.ndjson'));
    expect(parsed.docs).toHaveLength(2);
    expect(parsed.problems.map((p) => [relative(dir, p.file), p.line])).toEqual([['a.ndjson', 2]]);
    expect(parsed.problems[0]!.message).toMatch(/^invalid JSON on this line \(NDJSON: one JSON document per line\): /);
    expect(() => loadModel([dir])).toThrow(InputError);
  });

  it('locates a bad line of NDJSON saved as .json too', () => {
    const dir = tree({ 'a.json': `${SA('n', 'a')}\n${SA('n', 'b')}\nnot json\n` });
    expect(parseFile(join(dir, 'a.json')).problems.map((p) => p.line)).toEqual([3]);
  });

  it('leaves a broken pretty-printed .json file one JSON error', () => {
    const dir = tree({ 'a.json': '{\n  "a": 1,\n  "b": oops\n}\n' });
    const problems = parseFile(join(dir, 'a.json')).problems;
    expect(problems.map((p) => p.message.startsWith('invalid JSON: '))).toEqual([true]);
  });
});

describe('scenario paths', () => {
  const SCENARIO = 'apiVersion: lateral/v1\nkind: Scenario\nname: s\nattack: { kind: stolen-token, identity: x }\n';

  it('a directory with no scenario file is a usage error', () => {
    const dir = tree({ 'README.md': '# nothing here\n' });
    expect(() => loadScenarios([dir])).toThrow(UsageError);
    expect(() => loadScenarios([dir])).toThrow(`no scenarios in ${dir}`);
  });

  it('names only the empty path when another holds scenarios', () => {
    const full = tree({ 's.yaml': SCENARIO });
    const empty = tree({});
    expect(() => loadScenarios([full, empty])).toThrow(`no scenarios in ${empty}`);
  });
});
