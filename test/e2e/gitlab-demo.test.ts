/**
 * The README's GitLab example through the built CLI: a Developer's stolen session reaches the
 * deploy role through a branch of their own, because the trust admits ref:*; the checkout's
 * folder names no group, so `--repo` names the project.
 */
import { describe, expect, it } from 'vitest';
import { lateral } from '../helpers/cli.js';

const ARGS = ['topologies/gitlab-demo', '--scenario', 'scenarios/gitlab-demo', '--at', '2026-12-03', '--json'];
const ROLE = 'arn:aws:iam::111122223333:role/gitlab-deploy';

interface Out {
  scenarios: { pass: boolean; paths: { target: string; hops: { rule: string; to: string; reason: string; decisions: { decision: string }[] }[] }[] }[];
  warnings: { kind: string; why: string }[];
}

describe('gitlab-demo', () => {
  it('with --repo: the stolen session reaches the role through the writer branch, and the broad trust is a warning', () => {
    const r = lateral('simulate', ...ARGS, '--repo', 'acme/payments=topologies/gitlab-demo/payments');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Out;
    const hops = out.scenarios[0]!.paths.find((p) => p.target === ROLE)!.hops;
    expect(hops.map((h) => `${h.rule}:${h.to}`)).toEqual(['ci-writers:group:acme/payments:writers', 'ci-own-branch:pipeline:acme/payments@writer-branch', `ci-oidc-assume:${ROLE}`]);
    expect(hops[2]!.reason).toContain('presents sub project_path:acme/payments:ref_type:branch:ref:lateral-any-branch');
    expect(hops.every((h) => h.decisions[0]!.decision === 'allow')).toBe(true);
    expect(out.warnings.find((w) => w.kind === 'ci-broad-trust')?.why).toContain('admits any branch');
  });

  it('without it the project path is unknown: the role is reached only conditionally', () => {
    const out = JSON.parse(lateral('simulate', ...ARGS).stdout) as Out;
    const hops = out.scenarios[0]!.paths.find((p) => p.target === ROLE)!.hops;
    expect(hops.at(-1)!.reason).toContain('an unknown subject');
    expect(hops.at(-1)!.decisions[0]!.decision).toBe('conditional');
  });

  it('a malformed --repo is a usage error', () => {
    const r = lateral('simulate', ...ARGS, '--repo', 'payments');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--repo: expected NAME=PATH');
  });
});
