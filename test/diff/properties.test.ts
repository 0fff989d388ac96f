/**
 * Diff invariants on generated clusters: a diff of a topology with itself is empty, and the
 * pairs diff(A, B) opens are exactly the pairs diff(B, A) closes (with their paths).
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareSides } from '../../src/diff/compare.js';
import { buildSide, type Side } from '../../src/diff/side.js';
import { defaultConfig } from '../../src/lint/config.js';
import { cluster, manifests, type Cluster } from '../helpers/k8s-gen.js';

const tmp = mkdtempSync(join(tmpdir(), 'lateral-diff-prop-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

async function side(c: Cluster): Promise<Side> {
  const dir = join(tmp, String(n++));
  const file = join(dir, 'cluster.json');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests(c) }));
  return buildSide(dir, { inputs: [dir], at: '2026-12-04' }, [], true, { config: defaultConfig() });
}

const options = { limit: 1000, failOn: ['new-path' as const] };
const pairs = (list: { paths: { entry: string; target: string; hops: { from: string; to: string; kind: string }[] }[] }) => list.paths.map((p) => `${p.entry} -> ${p.target}`);

describe('diff properties', () => {
  it('diff(A, A) is empty', async () => {
    await fc.assert(
      fc.asyncProperty(cluster, async (c) => {
        const a = await side(c);
        const d = compareSides(a, await side(c), options);
        expect([d.changed, d.opened.total, d.closed.total, d.policies.length, d.lint.new.length, d.verdict]).toEqual([false, 0, 0, 0, 0, 'Reachability did not change.']);
      }),
      { numRuns: 10, seed: 20261204 },
    );
  });

  it('what diff(A, B) opens, diff(B, A) closes, path for path', async () => {
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(cluster, cluster, async (x, y) => {
        const [a, b] = [await side(x), await side(y)];
        const ab = compareSides(a, b, options);
        const ba = compareSides(b, a, options);
        expect(pairs(ab.opened)).toEqual(pairs(ba.closed));
        expect(pairs(ab.closed)).toEqual(pairs(ba.opened));
        expect(ab.lint.new).toEqual(ba.lint.fixed);
        expect(ab.opened.paths.map((p) => p.hops)).toEqual(ba.closed.paths.map((p) => p.hops));
        expect([ab.estate.reachablePairs.after - ab.estate.reachablePairs.before]).toEqual([ab.opened.total - ab.closed.total]);
        if (ab.opened.total + ab.closed.total > 0) changed++;
      }),
      { numRuns: 15, seed: 20261204 },
    );
    // The generated pairs must differ in reach often enough for the property to say something.
    expect(changed).toBeGreaterThan(3);
  });
});
