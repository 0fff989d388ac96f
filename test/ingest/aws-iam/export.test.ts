/**
 * `aws iam get-account-authorization-details` as the AWS CLI writes it: documents as
 * objects or URL-encoded JSON strings, `Statement` as one object or a list, string-or-list
 * values, default policy versions, groups, boundaries, tags, several accounts, bad types.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/ingest/aws-iam/document.js';
import { PolicyContext } from '../../../src/policy/context.js';
import { iamEngine } from '../../../src/policy/iam/index.js';
import { loadYaml, problemsOf } from '../../helpers/load-yaml.js';

const A = '111122223333';
const B = '444455556666';
const enc = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));

/** A realistic export: AssumeRolePolicyDocument and policy versions URL-encoded, as the CLI prints them. */
function realistic(account = A) {
  return {
    UserDetailList: [
      {
        Path: '/engineers/',
        UserName: 'alice',
        UserId: 'AIDAEXAMPLEALICE',
        Arn: `arn:aws:iam::${account}:user/engineers/alice`,
        CreateDate: '2024-01-01T00:00:00Z',
        UserPolicyList: [{ PolicyName: 'own-objects', PolicyDocument: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' } } }],
        GroupList: ['devs'],
        AttachedManagedPolicies: [{ PolicyName: 'deploy', PolicyArn: `arn:aws:iam::${account}:policy/deploy` }],
        PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: `arn:aws:iam::${account}:policy/boundary` },
        Tags: [
          { Key: 'owner', Value: 'team-payments' },
          { Key: 'tier', Value: '1' },
        ],
      },
    ],
    GroupDetailList: [
      {
        Path: '/teams/',
        GroupName: 'devs',
        GroupId: 'AGPAEXAMPLEDEVS',
        Arn: `arn:aws:iam::${account}:group/teams/devs`,
        GroupPolicyList: [{ PolicyName: 'queues', PolicyDocument: enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: '*' }] }) }],
        AttachedManagedPolicies: [],
      },
    ],
    RoleDetailList: [
      {
        Path: '/service-role/',
        RoleName: 'deployer',
        RoleId: 'AROAEXAMPLEDEPLOYER',
        Arn: `arn:aws:iam::${account}:role/service-role/deployer`,
        AssumeRolePolicyDocument: enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
        InstanceProfileList: [],
        RolePolicyList: [],
        AttachedManagedPolicies: [],
        Tags: [{ Key: 'Owner', Value: 'platform' }, { Key: 'tier', Value: '0' }],
      },
    ],
    Policies: [
      {
        PolicyName: 'deploy',
        Arn: `arn:aws:iam::${account}:policy/deploy`,
        DefaultVersionId: 'v3',
        PolicyVersionList: [
          { Document: enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }), VersionId: 'v1', IsDefaultVersion: false },
          { Document: enc({ Version: '2012-10-17', Statement: [{ Sid: 'Deploy', Effect: 'Allow', Action: ['lambda:UpdateFunctionCode', 'iam:PassRole'], Resource: '*' }] }), VersionId: 'v3', IsDefaultVersion: true },
        ],
      },
      {
        PolicyName: 'boundary',
        Arn: `arn:aws:iam::${account}:policy/boundary`,
        DefaultVersionId: 'v1',
        PolicyVersionList: [{ Document: enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }), VersionId: 'v1', IsDefaultVersion: true }],
      },
    ],
  };
}

describe('authorization-details export', () => {
  const m = loadYaml({ 'acct.json': JSON.stringify(realistic(), null, 2) });
  const alice = m.aws.principals.find((p) => p.name === 'alice')!;
  const deployer = m.aws.principals.find((p) => p.name === 'deployer')!;

  it('reads principals with ARN, name, path, id, account, groups, policies and boundary', () => {
    expect(alice).toMatchObject({
      arn: `arn:aws:iam::${A}:user/engineers/alice`,
      kind: 'user',
      path: '/engineers/',
      id: 'AIDAEXAMPLEALICE',
      account: A,
      attached: [`arn:aws:iam::${A}:policy/deploy`],
      groups: [`arn:aws:iam::${A}:group/teams/devs`],
      boundary: `arn:aws:iam::${A}:policy/boundary`,
      tags: { owner: 'team-payments', tier: '1' },
    });
    expect(alice.inline.map((i) => i.id)).toEqual([`arn:aws:iam::${A}:user/engineers/alice#inline:own-objects`]);
    expect(m.aws.principals.find((p) => p.kind === 'group')!.inline[0]!.id).toBe(`arn:aws:iam::${A}:group/teams/devs#inline:queues`);
  });

  it('decodes URL-encoded documents and normalizes one Statement object and string values to lists', () => {
    expect(alice.inline[0]!.document).toEqual({ version: '2012-10-17', statements: [{ index: 0, effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::home/${aws:username}/*'] }] });
    expect(deployer.trust).toEqual({ version: '2012-10-17', statements: [{ index: 0, effect: 'Allow', principal: { Service: ['codebuild.amazonaws.com'] }, action: ['sts:AssumeRole'] }] });
  });

  it('keeps only the default version in force (IsDefaultVersion), the others for rollbacks', () => {
    const p = m.aws.policies.get(`arn:aws:iam::${A}:policy/deploy`)!;
    expect(p.defaultVersion).toBe('v3');
    expect(p.document.statements).toEqual([{ index: 0, sid: 'Deploy', effect: 'Allow', action: ['lambda:UpdateFunctionCode', 'iam:PassRole'], resource: ['*'] }]);
    expect(p.otherVersions.map((v) => v.id)).toEqual(['v1']);
  });

  it('falls back to DefaultVersionId when no entry says IsDefaultVersion', () => {
    const x = realistic();
    for (const v of x.Policies[0]!.PolicyVersionList) delete (v as { IsDefaultVersion?: boolean }).IsDefaultVersion;
    const p = loadYaml({ 'x.json': JSON.stringify(x) }).aws.policies.get(`arn:aws:iam::${A}:policy/deploy`)!;
    expect([p.defaultVersion, p.document.statements[0]!.sid]).toEqual(['v3', 'Deploy']);
  });

  it('makes one identity per principal with kind, credential, owner (owner or Owner) and tier', () => {
    const ids = Object.fromEntries(m.identities.map((i) => [i.id, i]));
    expect(ids[alice.arn]).toMatchObject({ kind: 'aws-user', name: 'alice', credential: { type: 'static' }, owner: 'team-payments', tier: 1 });
    expect(ids[deployer.arn]).toMatchObject({ kind: 'aws-role', credential: { type: 'short-lived', ttlMinutes: 60 }, owner: 'platform', tier: 0 });
    expect(ids[`arn:aws:iam::${A}:group/teams/devs`]).toMatchObject({ kind: 'aws-group' });
    expect(ids[alice.arn]!.source?.file).toMatch(/acct\.json$/);
  });

  it('evaluates the user with its group, the default version and its boundary', () => {
    const engine = iamEngine(new PolicyContext(m, { at: '2026-11-24' }));
    expect(engine.evaluate(alice.arn, 'sqs:SendMessage', `arn:aws:sqs:eu-west-1:${A}:q`).decision).toBe('allow'); // group inline, URL-encoded
    expect(engine.evaluate(alice.arn, 'lambda:UpdateFunctionCode', `arn:aws:lambda:eu-west-1:${A}:function:f`).decision).toBe('allow'); // v3
    expect(engine.evaluate(alice.arn, 's3:PutObject', 'arn:aws:s3:::b/k').decision).toBe('implicit-deny'); // v1's * is not in force
    expect(engine.evaluate(alice.arn, 'iam:PassRole', deployer.arn).decision).toBe('implicit-deny'); // the boundary excludes iam:*
    expect(engine.evaluate(alice.arn, 's3:GetObject', 'arn:aws:s3:::home/alice/notes.txt').decision).toBe('allow'); // ${aws:username}
    expect(engine.evaluate(alice.arn, 's3:GetObject', 'arn:aws:s3:::home/bob/notes.txt').decision).toBe('implicit-deny');
  });

  it('combines the exports of several accounts', () => {
    const two = loadYaml({ 'a.json': JSON.stringify(realistic(A)), 'b.json': JSON.stringify(realistic(B)) });
    expect(two.aws.principals.filter((p) => p.kind === 'user').map((p) => p.account).sort()).toEqual([A, B]);
    expect([...two.aws.policies.keys()].sort()).toEqual([`arn:aws:iam::${A}:policy/boundary`, `arn:aws:iam::${A}:policy/deploy`, `arn:aws:iam::${B}:policy/boundary`, `arn:aws:iam::${B}:policy/deploy`]);
    expect(two.aws.principals.find((p) => p.account === B && p.kind === 'user')!.groups).toEqual([`arn:aws:iam::${B}:group/teams/devs`]);
    expect(two.identities.filter((i) => i.kind === 'aws-account').map((i) => i.id)).toEqual([`arn:aws:iam::${A}:root`, `arn:aws:iam::${B}:root`]);
  });

  it('is detected by any of its four lists, alone', () => {
    const m2 = loadYaml({ 'p.json': JSON.stringify({ Policies: realistic().Policies }) });
    expect(m2.aws.policies.size).toBe(2);
    expect(m2.skipped).toEqual([]);
  });

  it('reports wrong types with file:line and path', () => {
    const x = realistic() as unknown as { UserDetailList: Record<string, unknown>[]; RoleDetailList: Record<string, unknown>[] };
    x.UserDetailList[0]!.AttachedManagedPolicies = 'deploy';
    x.RoleDetailList[0]!.Tags = [{ Key: 'tier', Value: 0 }];
    const problems = problemsOf({ 'bad.json': JSON.stringify(x, null, 2) });
    expect(problems).toEqual([
      expect.stringMatching(/^bad\.json:\d+: UserDetailList\[0\]\.AttachedManagedPolicies: .*expected array/),
      expect.stringMatching(/^bad\.json:\d+: RoleDetailList\[0\]\.Tags\[0\]\.Value: .*expected string/),
    ]);
    const text = JSON.stringify(x, null, 2).split('\n');
    const line = (p: string) => Number(p.split(':')[1]);
    expect(text[line(problems[0]!) - 1]).toContain('"AttachedManagedPolicies"');
    expect(text[line(problems[1]!) - 1]).toContain('"Value"');
  });

  it('reports a tier tag that is not 0, 1 or 2', () => {
    const x = realistic();
    x.UserDetailList[0]!.Tags[1]!.Value = 'crown';
    expect(problemsOf({ 't.json': JSON.stringify(x, null, 2) })).toEqual([expect.stringMatching(/^t\.json:\d+: UserDetailList\[0\]\.Tags: tag tier must be 0, 1 or 2, got "crown"$/)]);
  });
});

describe('policy documents', () => {
  it('parse as objects, plain JSON strings and URL-encoded strings alike', () => {
    const d = { Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Deny', NotAction: 'iam:*', NotResource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'], Condition: { StringLike: { 'aws:PrincipalTag/team': 'pay*' } } }] };
    const expected = { version: '2012-10-17', statements: [{ index: 0, sid: 'S', effect: 'Deny', notAction: ['iam:*'], notResource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'], condition: { StringLike: { 'aws:PrincipalTag/team': ['pay*'] } } }] };
    expect(parseDocument(d)).toEqual(expected);
    expect(parseDocument(JSON.stringify(d))).toEqual(expected);
    expect(parseDocument(enc(d))).toEqual(expected);
  });

  it('keep principals as lists by type, or "*"', () => {
    const d = parseDocument({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '444455556666'], Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] });
    expect(d.statements.map((s) => s.principal)).toEqual(['*', { AWS: ['arn:aws:iam::111122223333:root', '444455556666'], Federated: ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'] }]);
  });

  it('without a Version element are policy language 2008-10-17', () => {
    expect(parseDocument({ Statement: [] }).version).toBe('2008-10-17');
  });
});
