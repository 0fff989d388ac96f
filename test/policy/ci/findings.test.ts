/** CI findings on the pipeline demo and on trust policies written three ways. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/ingest/index.js';
import type { IamPrincipal } from '../../../src/model/aws.js';
import { ciWarnings } from '../../../src/policy/ci/findings.js';

const role = (condition: Record<string, Record<string, string[]>> | undefined): IamPrincipal => ({
  arn: 'arn:aws:iam::111122223333:role/r',
  name: 'r',
  kind: 'role',
  account: '111122223333',
  inline: [],
  attached: [],
  groups: [],
  instanceProfiles: [],
  trust: { statements: [{ index: 0, effect: 'Allow', action: ['sts:AssumeRoleWithWebIdentity'], principal: { Federated: ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'] }, ...(condition ? { condition } : {}) }] },
});

describe('CI findings', () => {
  it('name the untrusted checkout, the mutable action and the broad trust of the demo', () => {
    const kinds = ciWarnings(loadModel(['topologies/pipeline-demo'])).map((w) => w.kind);
    expect(kinds.sort()).toEqual(['ci-broad-trust', 'ci-mutable-action', 'ci-untrusted-code']);
  });

  it('tell a wildcard subject from an exact one, and StringEquals `*` from StringLike', () => {
    const model = loadModel(['topologies/pipeline-demo']);
    const check = (c: Record<string, Record<string, string[]>> | undefined) =>
      ciWarnings({ ...model, aws: { ...model.aws, principals: [role(c)] } }).filter((w) => w.kind === 'ci-broad-trust').map((w) => w.why);
    const sub = 'token.actions.githubusercontent.com:sub';
    expect(check({ StringEquals: { [sub]: ['repo:o/r:ref:refs/heads/main'] } })).toEqual([]);
    expect(check({ StringEquals: { [sub]: ['repo:o/r:*'] } })).toEqual([]);
    expect(check({ StringLike: { [sub]: ['repo:o/r:*'] } })[0]).toContain('admits pull requests, any branch');
    expect(check({ StringLike: { [sub]: ['repo:o/*'] } })[0]).toContain('any repository');
    expect(check(undefined)[0]).toContain('no sub condition');
  });

  it('say when a literal role-to-assume names a role whose trust admits none of the job\'s runs', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'lateral-mismatch-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));
    const arn = 'arn:aws:iam::111122223333:role/r';
    const workflow = (environment: string) => `on: push\njobs:\n  ci:\n    runs-on: ubuntu-latest\n${environment}    permissions:\n      id-token: write\n    steps:\n      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502\n        with:\n          role-to-assume: ${arn}\n`;
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:environment:production' } } }] };
    const iam = JSON.stringify({ UserDetailList: [], GroupDetailList: [], Policies: [], RoleDetailList: [{ RoleName: 'r', RoleId: 'AROAR', Arn: arn, Path: '/', AssumeRolePolicyDocument: trust, InstanceProfileList: [], AttachedManagedPolicies: [], RolePolicyList: [], Tags: [] }] });
    const warnings = (environment: string, n: string) => {
      mkdirSync(join(tmp, n, 'o__r/.github/workflows'), { recursive: true });
      writeFileSync(join(tmp, n, 'o__r/.github/workflows/ci.yml'), workflow(environment));
      writeFileSync(join(tmp, n, 'iam.json'), iam);
      return ciWarnings(loadModel([join(tmp, n)])).filter((w) => w.kind === 'ci-role-mismatch');
    };
    const off = warnings('', 'a');
    expect(off).toHaveLength(1);
    expect(off[0]!.why).toContain(`names role-to-assume ${arn}, but that role's trust admits none of the job's runs`);
    expect(warnings('    environment: production\n', 'b')).toEqual([]);
  });
});
