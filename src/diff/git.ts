/**
 * A diff's base read from a git commit: the paths the head inputs name, as that commit of
 * their repository holds them, written to a temporary directory with `git archive | tar -x`.
 * The work tree, the index and HEAD are never touched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../model/errors.js';

function git(cwd: string, args: string[]): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync('git', ['-C', cwd, ...args], { maxBuffer: 1 << 30 });
  if (r.error) throw new UsageError(`--base: git is needed to read a commit, and could not run (${r.error.message})`);
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.toString().trim() };
}

export interface Checkout {
  /** the input paths, as the commit holds them (a path the commit lacks is left out) */
  paths: string[];
  /** `ref:path` for a file of the temporary directory, as `git show` names it */
  name(text: string): string;
  cleanup(): void;
}

/** The repository holding `path`, or undefined when it is in none. */
export function repositoryOf(path: string): string | undefined {
  const dir = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  const r = git(dir, ['rev-parse', '--show-toplevel']);
  return r.ok ? r.out.toString().trim() : undefined;
}

/** Writes `paths` (inside one repository) as `ref` holds them into a temporary directory. */
export function checkout(ref: string, paths: readonly string[]): Checkout {
  const top = repositoryOf(paths[0]!);
  if (!top) throw new UsageError(`--base ${ref}: not a path, and ${paths[0]} is in no git repository to read it from`);
  const commit = git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!commit.ok) throw new UsageError(`--base ${ref}: neither a path nor a commit of ${top} (fetch it first: a shallow CI checkout lacks the base branch; use fetch-depth: 0)`);
  const sha = commit.out.toString().trim();
  const dir = mkdtempSync(join(tmpdir(), 'lateral-base-'));
  const out: string[] = [];
  try {
    for (const p of paths) {
      const rel = relative(top, resolve(p)).split('\\').join('/');
      if (rel.startsWith('..')) throw new UsageError(`--base ${ref}: ${p} is outside the repository ${top}`);
      // `git archive` fails on a path the commit does not hold: that side simply lacks it.
      const tar = git(top, ['archive', '--format=tar', sha, '--', rel === '' ? '.' : rel]);
      if (!tar.ok) continue;
      const x = spawnSync('tar', ['-x', '-C', dir], { input: tar.out });
      if (x.status !== 0) throw new UsageError(`--base ${ref}: could not unpack ${rel} (${x.stderr.toString().trim()})`);
      out.push(join(dir, rel));
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { paths: out, name: (text) => text.split(`${dir}/`).join(`${ref}:`), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
