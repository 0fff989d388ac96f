/**
 * `lateral diff` through the built CLI: a NetworkPolicy widened from one pod to every
 * namespace opens web/frontend → payments/card-db; the reverse closes it; identical inputs
 * say nothing changed. Markdown and JSON are golden files; a git base is read from a commit
 * without touching the work tree.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMENT_LIMIT } from '../../src/output/diff-markdown.js';
import { lateral } from '../helpers/cli.js';
import { sarifValidator } from '../helpers/sarif.js';

const BASE = 'test/fixtures/diff/base';
const HEAD = 'test/fixtures/diff/head';
const AT = ['--at', '2026-12-04'];
const tmp = mkdtempSync(join(tmpdir(), 'lateral-diff-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Out {
  changed: boolean;
  opened: { total: number; paths: { entry: string; target: string; changed: number[]; policies: string[] }[] };
  closed: { total: number; paths: { entry: string; target: string }[] };
  policies: { kind: string; id: string; change: string; fields: string[]; file?: string }[];
  gates: { gate: string; tripped: boolean }[];
  lint: { new: { rule: string; object: string }[]; fixed: { rule: string }[] };
}

/** SARIF of a diff, valid against the OASIS 2.1.0 schema, with the machine's absolute paths taken out for the golden file. */
function sarif(...args: string[]): string {
  const r = lateral('diff', ...args, ...AT, '--format', 'sarif');
  const json = JSON.parse(r.stdout) as unknown;
  const validate = sarifValidator();
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  return r.stdout.replace(/"file:\/\/[^"]*\/"/g, '"file:///ROOT/"');
}

describe('lateral diff', () => {
  it('a widened NetworkPolicy opens a path: markdown and JSON golden, exit 1 on the new-path gate', async () => {
    const md = lateral('diff', '--base', BASE, '--head', HEAD, ...AT, '--format', 'markdown');
    expect(md.code).toBe(1);
    await expect(md.stdout).toMatchFileSnapshot('../golden/diff-opened.md');
    const json = lateral('diff', '--base', BASE, '--head', HEAD, ...AT, '--json');
    await expect(json.stdout).toMatchFileSnapshot('../golden/diff-opened.json');
    await expect(sarif('--base', BASE, '--head', HEAD)).toMatchFileSnapshot('../golden/diff-opened.sarif.json');
    const out = JSON.parse(json.stdout) as Out;
    expect(out.opened.paths.map((p) => `${p.entry} -> ${p.target} ${p.changed.join(',')} ${p.policies.join(',')}`)).toEqual(['web/frontend -> payments/card-db 0 NetworkPolicy payments/card-db-ingress']);
    expect(out.policies).toEqual([expect.objectContaining({ kind: 'NetworkPolicy', id: 'payments/card-db-ingress', change: 'modified', fields: ['ingress'] })]);
    expect(out.lint.new.map((f) => `${f.rule} ${f.object}`)).toEqual(['wildcard-network-ingress NetworkPolicy/payments/card-db-ingress']);
    expect(lateral('diff', '--base', BASE, '--head', HEAD, ...AT, '--fail-on', 'lint-error').code).toBe(1);
    expect(lateral('diff', '--base', HEAD, '--head', BASE, ...AT, '--fail-on', 'lint-error').code).toBe(0);
  });

  it('the reverse closes it; --fail-on none passes, blocked-percent-decrease does not trip on a rise', async () => {
    const md = lateral('diff', '--base', HEAD, '--head', BASE, ...AT, '--format', 'markdown', '--fail-on', 'blocked-percent-decrease');
    expect(md.code).toBe(0);
    await expect(md.stdout).toMatchFileSnapshot('../golden/diff-closed.md');
    await expect(sarif('--base', HEAD, '--head', BASE)).toMatchFileSnapshot('../golden/diff-closed.sarif.json');
    await expect(lateral('diff', '--base', HEAD, '--head', BASE, ...AT, '--json').stdout).toMatchFileSnapshot('../golden/diff-closed.json');
    expect(lateral('diff', '--base', BASE, '--head', HEAD, ...AT, '--fail-on', 'none').code).toBe(0);
    expect(lateral('diff', '--base', BASE, '--head', HEAD, ...AT, '--fail-on', 'blocked-percent-decrease').code).toBe(1);
  });

  it('identical inputs: the single line that reachability did not change, exit 0', async () => {
    const md = lateral('diff', '--base', BASE, '--head', BASE, ...AT, '--format', 'markdown');
    expect(md.code).toBe(0);
    await expect(md.stdout).toMatchFileSnapshot('../golden/diff-unchanged.md');
    await expect(sarif('--base', BASE, '--head', BASE)).toMatchFileSnapshot('../golden/diff-unchanged.sarif.json');
    await expect(lateral('diff', '--base', BASE, '--head', BASE, ...AT, '--json').stdout).toMatchFileSnapshot('../golden/diff-unchanged.json');
    const out = JSON.parse(lateral('diff', '--base', BASE, '--head', BASE, ...AT, '--json').stdout) as Out;
    expect([out.changed, out.opened.total, out.closed.total, out.policies]).toEqual([false, 0, 0, []]);
  });

  it('a base whose files are the head\'s, byte for byte, elsewhere: unchanged (built once)', () => {
    const copy = join(tmp, 'copy');
    cpSync(BASE, copy, { recursive: true });
    const r = lateral('diff', '--base', copy, '--head', BASE, ...AT);
    expect([r.code, r.stdout.split('\n')[1]]).toEqual([0, 'Reachability did not change.']);
  });

  it('--base HEAD~1 reads the previous commit of the repository --head is in, and leaves the work tree as it was', () => {
    const repo = join(tmp, 'repo');
    cpSync(BASE, join(repo, 'k8s'), { recursive: true });
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    writeFileSync(join(repo, 'k8s', 'web.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web-egress, namespace: web }\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{}]\n');
    spawnSync('git', ['init', '-q', repo]);
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(repo, 'k8s', 'shop.yaml'), readFileSync(join(HEAD, 'shop.yaml')));
    git('rm', '-q', 'k8s/web.yaml');
    git('commit', '-qam', 'widen card-db ingress, drop the web egress policy');
    const untracked = join(repo, 'k8s', 'notes.txt');
    writeFileSync(untracked, 'work in progress\n');
    const before = git('status', '--porcelain');
    const r = lateral('diff', '--base', 'HEAD~1', '--head', join(repo, 'k8s'), ...AT, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.opened.paths.map((p) => `${p.entry} -> ${p.target}`)).toEqual(['web/frontend -> payments/card-db']);
    // The base's files are named as the commit holds them, not by the temporary checkout.
    expect(out.policies.map((p) => `${p.change} ${p.id} ${p.file}`)).toEqual([`modified payments/card-db-ingress ${join(repo, 'k8s', 'shop.yaml')}`, 'removed web/web-egress HEAD~1:k8s/web.yaml']);
    expect(git('status', '--porcelain')).toBe(before);
    expect(readFileSync(join(repo, 'k8s', 'shop.yaml'), 'utf8')).toBe(readFileSync(join(HEAD, 'shop.yaml'), 'utf8'));
    expect(git('rev-parse', 'HEAD~0').trim()).toBe(git('log', '-1', '--format=%H').trim());
    const bad = lateral('diff', '--base', 'no-such-branch', '--head', join(repo, 'k8s'), ...AT);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--base no-such-branch: neither a path nor a commit of')]);
  });

  it('a comment with many paths stays under GitHub\'s limit and says how many it left out', () => {
    const head = join(tmp, 'many');
    const docs = [readFileSync(join(HEAD, 'shop.yaml'), 'utf8')];
    for (let i = 0; i < 150; i++) docs.push(`---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: w${i}, namespace: web }\nspec:\n  selector: { matchLabels: { app: w${i} } }\n  template:\n    metadata: { labels: { app: w${i} } }\n    spec:\n      containers: [{ name: c, image: x, ports: [{ containerPort: 80 }] }]\n`);
    cpSync(BASE, join(tmp, 'many-base'), { recursive: true });
    writeFileSync(join(tmp, 'many-base', 'more.yaml'), docs.slice(1).join(''));
    cpSync(HEAD, head, { recursive: true });
    writeFileSync(join(head, 'more.yaml'), docs.slice(1).join(''));
    const md = lateral('diff', '--base', join(tmp, 'many-base'), '--head', head, ...AT, '--format', 'markdown', '--limit', '1000').stdout;
    expect(md.length).toBeLessThan(COMMENT_LIMIT);
    expect(md).toMatch(/…and \d+ more/);
  });
});
