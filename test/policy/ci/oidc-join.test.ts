/**
 * The OIDC join per trigger and trust condition, from GitHub's OpenID Connect reference and
 * the IAM condition operators: which runs' claims a role's trust admits.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/graph/build.js';
import { loadModel } from '../../../src/ingest/index.js';
import { webIdentityExport } from '../../helpers/aws-export.js';

const tmp = mkdtempSync(join(tmpdir(), 'lateral-oidc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const ROLE = 'arn:aws:iam::111122223333:role/ci';
const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

const exportWith = (condition: unknown, provider = PROVIDER) => webIdentityExport('ci', provider, condition);

const job = (extra = '') => `jobs:
  ci:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
${extra}    steps:
      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502
        with:
          role-to-assume: \${{ secrets.ROLE }}
`;

/** The edge from the workflow's node to the role (undefined: none), after loading the files. */
async function join1(files: Record<string, string>, from = 'pipeline:octo-org/octo-repo/ci.yml') {
  const dir = join(tmp, String(n++));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const model = await loadModel([dir]);
  const { graph } = buildGraph(model, { at: '2026-12-03' });
  const edge = graph.hasNode(from) ? graph.edges(from, ROLE).map((e) => graph.getEdgeAttributes(e))[0] : undefined;
  return edge && { decision: edge.decisions[0]!.decision, reason: edge.reason };
}

const repo = 'octo-org__octo-repo/.github/workflows/ci.yml';
const sub = (v: string, op = 'StringEquals') => ({ [op]: { 'token.actions.githubusercontent.com:sub': v, 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } });

describe('OIDC join: triggers and subjects', () => {
  it('push to main presents ref:refs/heads/main, which StringEquals on that branch admits', async () => {
    const e = await join1({ [repo]: `on:\n  push:\n    branches: [main]\n${job()}`, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:ref:refs/heads/main')) });
    expect(e?.decision).toBe('allow');
    expect(e?.reason).toContain('presents sub repo:octo-org/octo-repo:ref:refs/heads/main');
  });

  it('StringEquals on one branch does not admit a push to another branch', async () => {
    const e = await join1({ [repo]: `on:\n  push:\n    branches: [develop]\n${job()}`, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:ref:refs/heads/main')) });
    expect(e).toBeUndefined();
  });

  it('StringLike repo:org/* admits any branch of any repository of the organisation', async () => {
    const e = await join1({ [repo]: `on:\n  push:\n    branches: ['feature/**']\n${job()}`, 'aws.json': exportWith(sub('repo:octo-org/*', 'StringLike')) });
    expect(e?.decision).toBe('allow');
    expect(e?.reason).toContain('refs/heads/feature/');
  });

  it('a pull_request run presents the pull_request subject, not a branch', async () => {
    const yes = await join1({ [repo]: `on: pull_request\n${job()}`, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:pull_request')) });
    expect(yes?.reason).toContain('sub repo:octo-org/octo-repo:pull_request');
    const no = await join1({ [repo]: `on: pull_request\n${job()}`, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:ref:refs/heads/main')) });
    expect(no).toBeUndefined();
  });

  it('pull_request_target runs on the base branch and presents its ref', async () => {
    const e = await join1({ [repo]: `on:\n  pull_request_target:\n    branches: [main]\n${job()}`, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:ref:refs/heads/main')) });
    expect(e?.reason).toContain('on pull_request_target presents sub repo:octo-org/octo-repo:ref:refs/heads/main');
  });

  it('a job with an environment presents the environment subject, whatever the event', async () => {
    const envJob = job('    environment: prod\n');
    const yes = await join1({ [repo]: `on:\n  push:\n    branches: [main]\n${envJob}`, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:environment:prod')) });
    expect(yes?.decision).toBe('allow');
    const no = await join1({ [repo]: `on:\n  push:\n    branches: [main]\n${envJob}`, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:ref:refs/heads/main')) });
    expect(no).toBeUndefined();
  });

  it('a stranger reaches an environment-scoped role only through the environment reviewers, conditionally', async () => {
    const wf = `on: pull_request_target\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    environment: prod\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n`;
    const sidecar = 'apiVersion: lateral/v1\nkind: Repository\nname: octo-org/octo-repo\nenvironments:\n  - name: prod\n    reviewers: true\n';
    const files = { [repo]: wf, 'octo-org__octo-repo/lateral.yaml': sidecar, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:environment:prod')) };
    const from = 'pipeline:octo-org/octo-repo/ci.yml#ci@pull_request_target';
    expect((await join1(files, from))?.decision).toBe('allow');
    const dir = join(tmp, String(n - 1));
    const model = await loadModel([dir]);
    const { graph } = buildGraph(model, { at: '2026-12-03' });
    const modify = graph.edges('user:any-github-user', from).map((e) => graph.getEdgeAttributes(e));
    expect(modify[0]?.decisions[0]?.decision).toBe('conditional');
    expect(modify[0]?.reason).toContain('waits for a reviewer of environment prod');
  });

  it('a pull_request from a fork gives a stranger nothing: no node, no token', async () => {
    const wf = `on: pull_request\n${job()}`.replace('    steps:\n', '    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n');
    const dir = join(tmp, String(n++));
    mkdirSync(join(dir, 'octo-org__octo-repo/.github/workflows'), { recursive: true });
    writeFileSync(join(dir, repo), wf);
    const model = await loadModel([dir]);
    expect(model.identities.map((i) => i.id)).not.toContain('user:any-github-user');
  });

  it('an aud the job does not ask for still admits code that asks for it', async () => {
    const cond = { StringEquals: { 'token.actions.githubusercontent.com:aud': 'api://other', 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } };
    const e = await join1({ [repo]: `on:\n  push:\n    branches: [main]\n${job()}`, 'aws.json': exportWith(cond) });
    expect(e?.decision).toBe('allow');
    expect(e?.reason).toContain('may ask for any audience');
  });

  it('a job without id-token: write presents no token at all', async () => {
    const wf = `on: push\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;
    expect(await join1({ [repo]: wf, 'aws.json': exportWith(sub('repo:octo-org/*', 'StringLike')) })).toBeUndefined();
  });

  it('the immutable subject format from the sidecar ids', async () => {
    const sidecar = 'apiVersion: lateral/v1\nkind: Repository\nname: octo-org/octo-repo\nids: { owner: 123, repo: 456 }\n';
    const files = { [repo]: `on:\n  push:\n    branches: [main]\n${job()}`, 'octo-org__octo-repo/lateral.yaml': sidecar };
    const yes = await join1({ ...files, 'aws.json': exportWith(sub('repo:octo-org@123/octo-repo@456:ref:refs/heads/main')) });
    expect(yes?.decision).toBe('allow');
    expect(await join1({ ...files, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:ref:refs/heads/main')) })).toBeUndefined();
  });

  it("a trust naming another account's provider, or none, is not joined", async () => {
    const other = 'arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com';
    expect(await join1({ [repo]: `on: push\n${job()}`, 'aws.json': exportWith(sub('repo:octo-org/*', 'StringLike'), other) })).toBeUndefined();
  });

  it('a repository without an owner presents an unknown subject: conditional', async () => {
    const e = await join1({ 'lonely/.github/workflows/ci.yml': `on: push\n${job()}`, 'aws.json': exportWith(sub('repo:octo-org/*', 'StringLike')) }, 'pipeline:lonely/ci.yml');
    expect(e?.decision).toBe('conditional');
  });
});

describe('reusable workflows', () => {
  it("run in the caller's pull_request_target with its inputs, gated by a needed approval job's environment", async () => {
    const caller = `on: pull_request_target\npermissions:\n  id-token: write\njobs:\n  integration:\n    uses: ./.github/workflows/called.yml\n    with:\n      ref: \${{ github.event.pull_request.head.sha }}\n      environment: PR tests\n`;
    const called = `on:\n  workflow_call:\n    inputs:\n      ref: { type: string }\n      environment: { type: string }\njobs:\n  approval:\n    runs-on: ubuntu-latest\n    environment: \${{ inputs.environment }}\n    steps:\n      - run: echo ok\n  test:\n    needs: approval\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: \${{ inputs.ref }}\n`;
    const files = {
      'octo-org__octo-repo/.github/workflows/ci.yml': caller,
      'octo-org__octo-repo/.github/workflows/called.yml': called,
      'aws.json': exportWith(sub('repo:octo-org/octo-repo:ref:refs/heads/main')),
    };
    const from = 'pipeline:octo-org/octo-repo/ci.yml#integration@pull_request_target';
    const e = await join1(files, from);
    expect(e?.reason).toContain('job integration/test');
    const model = loadModel([join(tmp, String(n - 1))]);
    const { graph } = buildGraph(model, { at: '2026-12-03' });
    const modify = graph.edges('user:any-github-user', from).map((x) => graph.getEdgeAttributes(x))[0]!;
    expect(modify.decisions[0]!.decision).toBe('conditional');
    expect(modify.reason).toContain('job integration/approval (needed first) uses environment PR tests');
  });
});

describe('workflow input errors', () => {
  it('an unknown key is a problem at its line', async () => {
    const dir = join(tmp, String(n++));
    mkdirSync(join(dir, 'o__r/.github/workflows'), { recursive: true });
    writeFileSync(join(dir, 'o__r/.github/workflows/ci.yml'), 'on: push\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    permission:\n      id-token: write\n');
    expect(() => loadModel([dir])).toThrow(/ci\.yml:\d+: jobs\.ci\.permission: unknown field "permission"/);
  });
});

describe("a writer's own branch", () => {
  const from = 'pipeline:octo-org/octo-repo@writer-branch';
  const mainOnly = `on:\n  push:\n    branches: [main]\n${job()}`;

  it('reaches a trust of any branch even when every workflow runs on main only: the writer pushes their own', async () => {
    const e = await join1({ [repo]: mainOnly, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:*', 'StringLike')) }, from);
    expect(e?.decision).toBe('allow');
    expect(e?.reason).toContain('presents sub repo:octo-org/octo-repo:');
  });

  it('does not reach a trust of the default branch, nor of a protected one', async () => {
    expect(await join1({ [repo]: mainOnly, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:ref:refs/heads/main')) }, from)).toBeUndefined();
    const sidecar = 'apiVersion: lateral/v1\nkind: Repository\nbranchProtection:\n  - branch: release/*\n';
    const files = { [repo]: mainOnly, 'octo-org__octo-repo/lateral-repository.yaml': sidecar, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:ref:refs/heads/release/*', 'StringLike')) };
    expect(await join1(files, from)).toBeUndefined();
  });

  it('reaches an environment-scoped trust only behind the environment: conditional with reviewers, none when its branches are protected', async () => {
    const trust = exportWith(sub('repo:octo-org/octo-repo:environment:production'));
    const reviewed = 'apiVersion: lateral/v1\nkind: Repository\nenvironments:\n  - name: production\n    reviewers: true\n';
    const e = await join1({ [repo]: mainOnly, 'octo-org__octo-repo/lateral-repository.yaml': reviewed, 'aws.json': trust }, from);
    expect(e?.decision).toBe('conditional');
    expect(e?.reason).toContain('environment production waits for a reviewer');
    const mainOnlyEnv = 'apiVersion: lateral/v1\nkind: Repository\nbranchProtection:\n  - branch: main\nenvironments:\n  - name: production\n    branches: [main]\n';
    expect(await join1({ [repo]: mainOnly, 'octo-org__octo-repo/lateral-repository.yaml': mainOnlyEnv, 'aws.json': trust }, from)).toBeUndefined();
  });

  it('is entered by the writers', async () => {
    await join1({ [repo]: mainOnly, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:*', 'StringLike')) }, from);
    const { graph } = buildGraph(loadModel([join(tmp, String(n - 1))]), { at: '2026-12-03' });
    const m = graph.edges('group:octo-org/octo-repo:writers', from).map((x) => graph.getEdgeAttributes(x))[0]!;
    expect(m.decisions[0]!.decision).toBe('allow');
    expect(m.reason).toContain('its push runs workflow files the writer put there');
  });
});

describe('repository settings from the sidecar', () => {
  const stranger = `on: pull_request_target\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n`;

  it("a private repository's pull requests come from its readers, not from any GitHub user", async () => {
    const sidecar = 'apiVersion: lateral/v1\nkind: Repository\nvisibility: private\n';
    const from = 'pipeline:octo-org/octo-repo/ci.yml#ci@pull_request_target';
    await join1({ [repo]: stranger, 'octo-org__octo-repo/lateral.yaml': sidecar, 'aws.json': exportWith(sub('repo:octo-org/octo-repo:ref:refs/heads/main')) }, from);
    const { graph } = buildGraph(loadModel([join(tmp, String(n - 1))]), { at: '2026-12-03' });
    expect(graph.hasNode('user:any-github-user')).toBe(false);
    const m = graph.edges('group:octo-org/octo-repo:readers', from).map((e) => graph.getEdgeAttributes(e))[0]!;
    expect(m.reason).toContain('a pull request from anyone who can read the private repository');
  });

  it("an environment's deployment branches keep a job on another branch out of its subject", async () => {
    const wf = `on: push\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    environment: prod\n    permissions:\n      id-token: write\n    steps:\n      - run: echo\n`;
    const policy = (branches: string) => `apiVersion: lateral/v1\nkind: Repository\nbranchProtection:\n  - branch: main\nenvironments:\n  - name: prod\n    branches: [${branches}]\n`;
    const trust = exportWith(sub('repo:octo-org/octo-repo:environment:prod'));
    const e = await join1({ [repo]: wf, 'octo-org__octo-repo/lateral.yaml': policy('main'), 'aws.json': trust });
    expect(e?.reason).toContain('presents sub repo:octo-org/octo-repo:environment:prod');
    const { graph } = buildGraph(loadModel([join(tmp, String(n - 1))]), { at: '2026-12-03' });
    const claims = graph.edges('pipeline:octo-org/octo-repo/ci.yml', ROLE).map((x) => graph.getEdgeAttributes(x).reason);
    expect(claims).toHaveLength(1);
    expect((await join1({ [repo]: wf, 'octo-org__octo-repo/lateral.yaml': policy('release/*'), 'aws.json': trust }))?.reason).toContain('presents sub repo:octo-org/octo-repo:environment:prod');
    const devOnly = wf.replace('on: push', 'on:\n  push:\n    branches: [dev]');
    expect(await join1({ [repo]: devOnly, 'octo-org__octo-repo/lateral.yaml': policy('main'), 'aws.json': trust })).toBeUndefined();
  });
});
