/** Every `--help` example a user can paste from the repository root works as printed. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lateral, root } from '../helpers/cli.js';
import { removeTrees, tree } from '../helpers/tree.js';

/** A yargs stand-in for a command's builder: each call returns itself, `example` is recorded. */
function examplesOf(builder: (y: unknown) => unknown): string[] {
  const examples: string[] = [];
  const y: unknown = new Proxy(() => undefined, {
    get: (_, name) => (...args: unknown[]) => {
      if (name === 'example') examples.push(String(args[0]));
      return y;
    },
  });
  builder(y);
  return examples;
}

const commands = await Promise.all(
  readdirSync(join(root, 'dist/cli'))
    .filter((f) => f.endsWith('.js'))
    .map(async (f) => Object.values((await import(join(root, 'dist/cli', f))) as Record<string, unknown>)),
);
const examples = commands
  .flat()
  .filter((c): c is { builder: (y: unknown) => unknown } => typeof c === 'object' && c !== null && 'builder' in c && typeof c.builder === 'function')
  .flatMap((c) => examplesOf(c.builder))
  .map((e) => e.replace(/^\$0 /, '').split(' >')[0]!.split(/\s+/));
/** Tokens that name a file or folder: the repository's own, or a placeholder such as `k8s/`. */
const paths = (args: string[]) => args.filter((a) => !a.startsWith('-') && (a.includes('/') || /\.(ya?ml|json)$/.test(a)) && !a.startsWith('arn:'));
const runnable = examples.filter((args) => paths(args).every((p) => existsSync(join(root, p))) && paths(args).length > 0);

describe('--help examples', () => {
  afterAll(removeTrees);

  it('found the examples of every command', () => {
    expect(examples.length).toBeGreaterThan(10);
    expect(runnable.length).toBeGreaterThan(5);
  });

  it('name files that exist when they name the repository’s own', () => {
    const own = examples.flatMap(paths).filter((p) => /^(topologies|scenarios)\//.test(p));
    expect(own.filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });

  it.each(runnable.map((args) => [args.join(' '), args]))('%s runs', (_, args) => {
    // What an example writes goes to a temporary folder, not into the repository.
    const out = args.indexOf('--out');
    const as = out < 0 ? args : args.map((a, i) => (i === out + 1 ? join(tree({}), a) : a));
    const r = lateral(...as, ...(args.includes('--at') ? [] : ['--at', '2026-06-01']));
    expect(r.stderr).not.toMatch(/unknown node|error/i);
    expect([0, 1]).toContain(r.code);
  });
});
