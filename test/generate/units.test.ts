/** The generator's building blocks: the seeded PRNG, namespace sizes and the YAML writer. */
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generate/prng.js';
import { namespaceSizes } from '../../src/generate/plan.js';
import { toYaml, toYamlStream } from '../../src/generate/yaml.js';

describe('Rng', () => {
  it('repeats for the same seed and label, and differs across labels', () => {
    const draw = (label: string) => Array.from({ length: 5 }, ((r) => () => r.next())(Rng.for(7, label)));
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
    for (const x of draw('a')) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws integers in range and weighted indices by weight', () => {
    const r = new Rng(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const v = r.int(2, 4);
      expect(v >= 2 && v <= 4).toBe(true);
      counts[r.weighted([1, 2, 10])]!++;
    }
    expect(counts[2]!).toBeGreaterThan(counts[0]! * 5);
  });
});

describe('namespaceSizes', () => {
  it('sums to the total, is uneven, and gives every namespace a workload', () => {
    const sizes = namespaceSizes(10_000, 200);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(sizes[0]!).toBeGreaterThan(10 * sizes[199]!);
    expect(namespaceSizes(3, 3)).toEqual([1, 1, 1]);
  });
});

describe('toYaml', () => {
  it('reads back as the same data, quoting what YAML would read as something else', () => {
    const value = {
      plain: 'web', dotted: { 'lateral.dev/tier': '0', 'kubernetes.io/metadata.name': 'payments' },
      tricky: ['0', '1h', 'true', 'no', 'null', 'y', '~', '', ' lead', 'a: b', 'x #y', '-dash', 'arn:aws:iam::1:root', 'end:', '*', '&a', '"q"', "it's", 'line\nbreak', '/charge', 'ünï'],
      numbers: [0, 5432, -1, 1.5], flags: [true, false], nothing: null,
      empty: { o: {}, a: [] }, nested: [[1, [2]], [{ a: 1, b: [{ c: 'd' }] }], {}],
    };
    expect(parse(toYaml(value))).toEqual(value);
  });

  it('writes multi-document streams', () => {
    const docs = parseAllDocuments(toYamlStream([{ a: 1 }, { b: [1, 2] }]));
    expect(docs.map((d) => d.toJS())).toEqual([{ a: 1 }, { b: [1, 2] }]);
  });
});
