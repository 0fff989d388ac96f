/**
 * The fast parse path (js-yaml, JSON.parse, lazy lines) against the reference path (`yaml`
 * parseAllDocuments + toJS, the parser every message and line comes from): same values,
 * same documents, same problems, same lines.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastYamlValues, jsonHasDuplicateKey, parseFile, type ParsedFile, type PathSegment } from '../../src/ingest/parse.js';

function inputFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return inputFiles(path);
    return /\.(ya?ml|json)$/i.test(name) ? [path] : [];
  });
}

/** Every path into a value (capped: the fixtures are small, generated values are not). */
function pathsOf(value: unknown, max = 400): PathSegment[][] {
  const out: PathSegment[][] = [];
  const walk = (v: unknown, path: PathSegment[]) => {
    if (out.length >= max) return;
    out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  return out;
}

const summary = (p: ParsedFile) => ({ docs: p.docs.map((d) => ({ file: d.file, index: d.index, value: d.value })), problems: p.problems });

/** Both paths on one text: equal documents, values and problems, and equal lines on every path (plus a missing one). */
function expectSame(file: string, text: string): ParsedFile {
  const fast = parseFile(file, text);
  const ref = parseFile(file, text, { reference: true });
  expect(summary(fast)).toEqual(summary(ref));
  fast.docs.forEach((doc, i) => {
    for (const path of [...pathsOf(doc.value), ['no-such-key', 3]]) expect(doc.lineOf(path), `${file} doc ${doc.index} ${path.join('.')}`).toBe(ref.docs[i]!.lineOf(path));
  });
  return fast;
}

const valueOf = (text: string, file = 'x.yaml') => expectSame(file, text).docs.map((d) => d.value);

describe('fast parse path', () => {
  const files = ['topologies', 'scenarios', 'test/fixtures'].flatMap(inputFiles);

  it('finds the repository inputs', () => expect(files.length).toBeGreaterThan(20));

  it.each(files)('%s: the same documents, values, problems and lines as the reference path', (file) => {
    const fast = parseFile(file);
    const ref = parseFile(file, undefined, { reference: true });
    expect(summary(fast)).toEqual(summary(ref));
    fast.docs.forEach((doc, i) => {
      for (const path of pathsOf(doc.value)) expect(doc.lineOf(path), `${doc.index} ${path.join('.')}`).toBe(ref.docs[i]!.lineOf(path));
    });
  });

  describe('where js-yaml and yaml differ, the value is yaml\'s', () => {
    it('YAML 1.1 booleans are strings (both read YAML 1.2 core)', () => {
      expect(valueOf('a: yes\nb: no\nc: on\nd: off\ne: y\nf: True\ng: FALSE\n')).toEqual([{ a: 'yes', b: 'no', c: 'on', d: 'off', e: 'y', f: true, g: false }]);
    });
    it('a leading zero is decimal, 0o is octal, 0b and 1_000 are strings', () => {
      expect(valueOf('mode: 0755\noct: 0o755\nhex: 0x1F\nbin: 0b101\nsep: 1_000\n')).toEqual([{ mode: 755, oct: 493, hex: 31, bin: '0b101', sep: '1_000' }]);
    });
    it('a timestamp stays a string (js-yaml 4 made a Date; 5 with the core schema does not)', () => {
      const [v] = valueOf('day: 2024-01-02\nat: 2024-01-02T03:04:05Z\nspaced: 2001-12-14 21:59:43.10 -5\n') as [Record<string, unknown>];
      expect(v).toEqual({ day: '2024-01-02', at: '2024-01-02T03:04:05Z', spaced: '2001-12-14 21:59:43.10 -5' });
    });
    it('<< is an ordinary key, and a merge through an alias goes through yaml', () => {
      expect(valueOf('<<: {a: 1}\nb: 2\n')).toEqual([{ '<<': { a: 1 }, b: 2 }]);
      expect(valueOf('base: &b {a: 1}\nx:\n  <<: *b\n  c: 2\n')).toEqual([{ base: { a: 1 }, x: { '<<': { a: 1 }, c: 2 } }]);
    });
    it('a number beyond a double is Infinity (js-yaml keeps the text)', () => {
      expect(valueOf(`a: 1e400\nb: -1e400\nc: ${'9'.repeat(400)}\n`)).toEqual([{ a: Infinity, b: -Infinity, c: Infinity }]);
    });
    it('special floats and big integers', () => {
      expect(valueOf('a: .inf\nb: -.Inf\nc: .nan\nd: 9007199254740993\ne: -0\nf: 1.\ng: .5e3\n')).toEqual([{ a: Infinity, b: -Infinity, c: NaN, d: 9007199254740992, e: -0, f: 1, g: 500 }]);
    });
    it('a null key is "" (js-yaml writes "null"), an empty key as yaml reads it', () => {
      expect(valueOf('~: a\nb: 1\n')).toEqual([{ '': 'a', b: 1 }]);
      expect(summary(parseFile('x.yaml', 'a: 1\n: 2\n'))).toEqual(summary(parseFile('x.yaml', 'a: 1\n: 2\n', { reference: true })));
    });
    it('scalar keys are stringified the same; a collection key as yaml does', () => {
      expect(valueOf('1: a\n2.5: b\ntrue: c\n0x1F: d\n')).toEqual([{ 1: 'a', 2.5: 'b', true: 'c', 31: 'd' }]);
      expect(valueOf('[1, 2]: a\n')).toEqual([{ '[ 1, 2 ]': 'a' }]);
    });
    it('__proto__ is an own key', () => {
      const [v] = valueOf('__proto__: {polluted: 1}\n') as [object];
      expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
      expect(Object.keys(v)).toEqual(['__proto__']);
    });
    it('explicit and unknown tags give yaml\'s value', () => {
      expect(valueOf('a: !!str 12\nb: !!float 1\nc: !Ref x\nd: !!binary aGk=\n')).toEqual(summary(parseFile('x.yaml', 'a: !!str 12\nb: !!float 1\nc: !Ref x\nd: !!binary aGk=\n', { reference: true })).docs.map((d) => d.value));
      expect(valueOf('a: !!timestamp 2001-01-01\n')).toEqual([{ a: new Date('2001-01-01') }]);
    });
    it('a %YAML 1.1 directive switches yaml to YAML 1.1 types', () => {
      expect(valueOf('%YAML 1.1\n---\na: yes\nb: 0755\n')).toEqual([{ a: true, b: 493 }]);
    });
    it('document end markers number documents as yaml does', () => {
      for (const text of ['...\na: 1\n', 'a: 1\n...\n...\nb: 2\n', '# c\n...\n---\na: 1\n']) expectSame('x.yaml', text);
      expect(parseFile('x.yaml', 'a: 1\n...\n...\nb: 2\n').docs.map((d) => d.index)).toEqual([0, 2]);
    });
    it('an implicit key over 1024 characters is an error, as yaml reads it', () => {
      const text = `${'k'.repeat(1100)}: 1\n`;
      expect(parseFile('x.yaml', text).problems[0]?.message).toMatch(/^invalid YAML: The : indicator must be at most 1024 chars/);
      expectSame('x.yaml', text);
      expect(valueOf(`${'k'.repeat(300)}: 1\n`)).toEqual([{ ['k'.repeat(300)]: 1 }]);
    });
  });

  it('keeps a duplicate key an error, with the same message and line', () => {
    const problems = [{ file: 'x.yaml', line: 3, path: '', message: 'invalid YAML: Map keys must be unique' }];
    expect(parseFile('x.yaml', 'a: 1\nb: 2\na: 3\n').problems).toEqual(problems);
    expect(parseFile('x.yaml', '{"a": 1,\n "b": 2,\n "a": 3}\n').problems).toEqual(problems);
    expect(parseFile('x.yaml', '{"a": 1,\n "b": 2,\n "\\u0061": 3}\n').problems).toEqual(problems);
    expectSame('x.yaml', 'a: 1\nb: 2\na: 3\n');
  });

  it('finds repeated keys in JSON text', () => {
    expect(jsonHasDuplicateKey('{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}], "c": "a"}')).toBe(false);
    expect(jsonHasDuplicateKey('{"a": [1, {"x": "}", "y": "\\""}], "a": 2}')).toBe(true);
    expect(jsonHasDuplicateKey('[{}, {"k": 1, "k": 2}]')).toBe(true);
    expect(jsonHasDuplicateKey('{"a\\"b": 1, "a\\u0022b": 2}')).toBe(true);
  });

  it('bounds an alias bomb: it fails quickly with yaml\'s "invalid YAML" problem', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `${lines.join('\n')}\n`;
    const start = performance.now();
    const parsed = parseFile('bomb.yaml', text);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(parsed.docs).toEqual([]);
    expect(parsed.problems).toEqual([{ file: 'bomb.yaml', line: 1, path: '', message: 'invalid YAML: Excessive alias count indicates a resource exhaustion attack' }]);
  });

  it('reads JSON with a UTF-8 byte order mark', () => {
    const text = '\uFEFF{\n  "kind": "List",\n  "items": [\n    {"a": 1}\n  ]\n}\n';
    for (const file of ['x.json', 'x.yaml']) {
      const parsed = parseFile(file, text);
      expect(parsed.problems).toEqual([]);
      expect(parsed.docs.map((d) => d.value)).toEqual([{ kind: 'List', items: [{ a: 1 }] }]);
      expect(parsed.docs[0]!.lineOf(['items', 0, 'a'])).toBe(4);
    }
    expectSame('x.yaml', text);
  });

  it('JSON text in a .yaml file; an invalid one is YAML\'s problem', () => {
    expectSame('x.yaml', '  \n{"apiVersion": "v1", "kind": "List",\n "items": [{"kind": "Pod", "metadata": {"name": "a"}}]}\n');
    expectSame('x.yaml', '[{"a": 1}, {"b": -0.0, "c": 1e400, "d": "\\ud83d\\ude00"}]');
    expectSame('x.yaml', '{"a": 1}\n---\nb: 2\n');
    expectSame('x.yaml', '{"a": 1,}\n');
  });

  it('locates nested paths in a multi-document file as the reference path does', () => {
    const text = [
      '# leading comment',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: a}',
      '---',
      '# a comment',
      '--- # an empty document before',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          ports:',
      '            - containerPort: 80',
      '            - containerPort: 90',
      '---',
      '---',
      '- not a mapping',
      '--- {flow: [1, 2]}',
      '',
    ].join('\n');
    const parsed = expectSame('x.yaml', text);
    expect(parsed.docs.map((d) => d.index)).toEqual([0, 2, 4, 5]);
    const deployment = parsed.docs[1]!;
    expect(deployment.lineOf(['spec', 'template', 'spec', 'containers', 0, 'ports', 1, 'containerPort'])).toBe(17);
    expect(deployment.lineOf(['spec', 'template', 'spec', 'containers', 0, 'ports', 9])).toBe(16);
    expect(deployment.lineOf([])).toBe(8);
  });

  it('re-reads a file for its lines, and gives none once it changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lateral-parse-'));
    try {
      const file = join(dir, 'a.yaml');
      writeFileSync(file, 'a: 1\n---\nb:\n  c: 2\n');
      const parsed = parseFile(file);
      expect(parsed.docs[1]!.lineOf(['b', 'c'])).toBe(4);
      // Another file read for its lines; then this one is read again, and it changed.
      writeFileSync(join(dir, 'b.yaml'), 'x: 1\n---\ny: 2\n');
      expect(parseFile(join(dir, 'b.yaml')).docs[1]!.lineOf(['y'])).toBe(3);
      writeFileSync(file, 'b:\n  c: 2\n');
      expect(parsed.docs[0]!.lineOf(['a'])).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('on generated manifests, serialized by yaml', () => {
    const key = fc.oneof(
      fc.constantFrom('apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'app.kubernetes.io/name', 'spec', 'ports', 'port', 'selector', '<<', 'on', 'yes', '1', 'true', '__proto__', '-', '? x', '#', 'a: b'),
      fc.string({ maxLength: 12 }),
    );
    const scalar = fc.oneof(
      fc.constantFrom('yes', 'no', 'on', 'off', '0755', '0o17', '0x1F', '2024-01-02', '2024-01-02T03:04:05Z', '~', 'null', 'true', '1e400', '.inf', '.nan', '<<', '', ' ', '---', '...', '- x', 'a: b', '#c', "'", '"', '\\', '\t', '\n', 'x\ny', '  lead', 'trail  ', '\u2028', '\u0085', '\uFEFF', '%x', '@x', '!x', '&x', '*x'),
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
    })).node;
    const manifest = fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'lateral/v1'), kind: fc.constantFrom('Service', 'Deployment', 'Topology'), metadata: fc.record({ name: fc.string({ maxLength: 10 }) }), spec: value });
    const docs = fc.array(fc.oneof({ weight: 8, arbitrary: manifest }, { weight: 1, arbitrary: value }), { minLength: 1, maxLength: 5 });
    const style = fc.record({ flow: fc.boolean(), indentSeq: fc.boolean(), indent: fc.constantFrom(2, 4) });

    it('both paths agree on YAML, and most texts take the fast path', () => {
      let runs = 0;
      let fast = 0;
      fc.assert(
        fc.property(docs, style, (values, s) => {
          const text = values.map((v) => stringify(v, { indent: s.indent, indentSeq: s.indentSeq, collectionStyle: s.flow ? 'flow' : 'any' })).join('---\n');
          runs++;
          if (fastYamlValues(text)) fast++;
          expectSame('gen.yaml', text);
        }),
        { numRuns: Number(process.env.PARSE_RUNS ?? 300) },
      );
      expect(fast / runs).toBeGreaterThan(0.5);
    });

    it('both paths agree on JSON, in .json and .yaml files', () => {
      fc.assert(
        fc.property(docs, fc.boolean(), (values, pretty) => {
          const text = JSON.stringify(values.length === 1 ? values[0] : values, null, pretty ? 2 : undefined);
          if (!/^[{[]/.test(text)) return;
          expectSame('gen.yaml', text);
          expect(summary(parseFile('gen.json', text))).toEqual(summary(parseFile('gen.json', text, { reference: true })));
        }),
        { numRuns: Number(process.env.PARSE_RUNS ?? 200) },
      );
    });
  });
});
