/**
 * The README's IaC example through the built CLI: a Terraform plan widens the deploy role's
 * OIDC trust from acme/shop's main branch to repo:acme/*; the plan's prior state (the base)
 * keeps a docs writer away from the account, the planned side (the head) opens the path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lateral } from '../helpers/cli.js';

const ARGS = ['topologies/iac-demo', '--scenario', 'scenarios/iac-demo', '--at', '2026-12-04', '--json'];
const ROOT = 'arn:aws:iam::111122223333:root';

interface Out {
  scenarios: { pass: boolean; paths: { target: string; hops: { rule: string; to: string; reason: string; decisions: { decision: string; policy?: string }[] }[] }[] }[];
  warnings: { kind: string; why: string; file?: string; line?: number }[];
}

const tmp = mkdtempSync(join(tmpdir(), 'lateral-iac-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('iac-demo', () => {
  it('the base (--plan-side before) keeps the docs writer away from the account: exit 0', () => {
    const r = lateral('simulate', ...ARGS, '--plan-side', 'before');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.scenarios[0]!.pass).toBe(true);
    expect(out.scenarios[0]!.paths.map((p) => p.target)).toEqual([]);
  });

  it('the head opens writer branch → deploy role → account, naming the widened trust statement; the gate fails: exit 1', () => {
    const r = lateral('simulate', ...ARGS);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Out;
    const hops = out.scenarios[0]!.paths.find((p) => p.target === ROOT)!.hops;
    expect(hops.map((h) => `${h.rule}:${h.to}`)).toEqual(['ci-own-branch:pipeline:acme/docs@writer-branch', 'ci-oidc-assume:arn:aws:iam::111122223333:role/deploy', `aws-admin:${ROOT}`]);
    expect(hops[1]!.decisions[0]).toMatchObject({ decision: 'allow', policy: 'arn:aws:iam::111122223333:role/deploy#trust' });
    expect(out.warnings.find((w) => w.kind === 'ci-broad-trust' && w.why.includes('role/deploy'))).toMatchObject({ file: 'topologies/iac-demo/terraform/plan.json', line: 56 });
  });

  it('lateral diff of the plan (its prior state against what it applies) shows the opened paths and the trust that changed', () => {
    const r = lateral('diff', '--base', 'topologies/iac-demo', '--head', 'topologies/iac-demo', '--base-plan-side', 'before', '-s', 'scenarios/iac-demo', '--at', '2026-12-04', '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { opened: { total: number; paths: { entry: string; target: string; policies: string[] }[] }; policies: { id: string; fields: string[] }[]; scenarios: { name: string; pass: { before: boolean; after: boolean } }[]; warnings: { kind: string }[] };
    expect(out.opened.total).toBe(8);
    expect(out.opened.paths.find((p) => p.entry === 'group:acme/docs:writers' && p.target === ROOT)?.policies).toEqual(['aws-role arn:aws:iam::111122223333:role/deploy']);
    expect(out.policies.map((p) => `${p.id} ${p.fields.join(',')}`)).toEqual(['arn:aws:iam::111122223333:role/deploy trust']);
    expect(out.scenarios.map((s) => [s.name, s.pass.before, s.pass.after])).toEqual([['docs-writer-session', true, false]]);
    expect(out.warnings.map((w) => w.kind)).toContain('ci-broad-trust');
  });

  it('nodes names each object by plan file, line and module address', () => {
    const rows = (JSON.parse(lateral('nodes', 'topologies/iac-demo', '--kind', 'aws-role', '--json').stdout) as { nodes: { id: string; file: string; line: number; address: string }[] }).nodes;
    expect(rows.map((r) => `${r.id} ${r.file}:${r.line} ${r.address}`)).toEqual([
      'arn:aws:iam::111122223333:role/deploy topologies/iac-demo/terraform/plan.json:56 module.ci.aws_iam_role.deploy',
      'arn:aws:iam::111122223333:role/docs-publisher topologies/iac-demo/terraform/plan.json:116 module.ci.aws_iam_role.docs_publisher',
    ]);
  });

  it('--cfn-param and --account are checked; a template parameter with no value is an input error (exit 2)', () => {
    expect(lateral('simulate', ...ARGS, '--cfn-param', 'no-equals').stderr).toContain('--cfn-param: expected NAME=VALUE');
    expect(lateral('simulate', ...ARGS, '--account', '12').code).toBe(2);
    const t = join(tmp, 'template.yml');
    writeFileSync(t, 'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  RoleName:\n    Type: String\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Ref RoleName\n      AssumeRolePolicyDocument: { Statement: [] }\n');
    const r = lateral('nodes', t);
    expect([r.code, r.stderr.trim().split('\n').at(-1)]).toEqual([2, `${t}:4: Parameters.RoleName: parameter RoleName has no Default: give --cfn-param RoleName=VALUE`]);
    const ok = lateral('nodes', t, '--cfn-param', 'RoleName=deploy', '--account', '444455556666');
    expect(ok.stdout).toContain('arn:aws:iam::444455556666:role/deploy');
  });
});
