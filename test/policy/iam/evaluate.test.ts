/**
 * IAM evaluation, case by case from the AWS documentation: "Policy evaluation logic",
 * "IAM JSON policy elements" (Action/NotAction, Resource/NotResource, Principal, Condition),
 * "Permissions boundaries for IAM entities" and the same-account rule for resource-based
 * (trust) policies.
 */
import { describe, expect, it } from 'vitest';
import { PolicyContext } from '../../../src/policy/context.js';
import { evaluateTrust, iamEngine } from '../../../src/policy/iam/index.js';
import { allow, arn, deny, doc, load, trusts, type ExportSpec } from '../../helpers/aws-export.js';
import { loadYaml } from '../../helpers/load-yaml.js';

const ALICE = arn('user', 'alice');

function decide(spec: ExportSpec, action: string, resource: string, who = ALICE) {
  return iamEngine(new PolicyContext(load(spec), { at: '2026-11-24' })).evaluate(who, action, resource).decision;
}
const alice = (statements: Record<string, unknown>[]): ExportSpec => ({ users: [{ name: 'alice', statements }] });

describe('identity-based evaluation', () => {
  it('an allow is needed: otherwise the request is implicitly denied', () => {
    expect(decide(alice([allow('s3:GetObject', 'arn:aws:s3:::b/*')]), 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('allow');
    expect(decide(alice([allow('s3:GetObject', 'arn:aws:s3:::b/*')]), 's3:PutObject', 'arn:aws:s3:::b/k')).toBe('implicit-deny');
  });

  it('an explicit deny wins over any allow, across policies', () => {
    const spec: ExportSpec = { users: [{ name: 'alice', statements: [allow('*')], groups: ['ops'] }], groups: [{ name: 'ops', statements: [deny('s3:*', 'arn:aws:s3:::secret/*')] }] };
    expect(decide(spec, 's3:GetObject', 'arn:aws:s3:::secret/k')).toBe('deny');
    expect(decide(spec, 's3:GetObject', 'arn:aws:s3:::open/k')).toBe('allow');
  });

  it('NotAction with Allow allows everything else; with Deny denies everything else', () => {
    expect(decide(alice([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]), 'iam:CreateUser', arn('user', 'bob'))).toBe('implicit-deny');
    expect(decide(alice([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]), 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('allow');
    const denyAllBut = alice([allow('*'), { Effect: 'Deny', NotAction: ['s3:Get*'], Resource: '*' }]);
    expect(decide(denyAllBut, 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('allow');
    expect(decide(denyAllBut, 's3:PutObject', 'arn:aws:s3:::b/k')).toBe('deny');
  });

  it('NotResource with Allow and with Deny', () => {
    expect(decide(alice([{ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::private/*' }]), 's3:GetObject', 'arn:aws:s3:::private/k')).toBe('implicit-deny');
    expect(decide(alice([{ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::private/*' }]), 's3:GetObject', 'arn:aws:s3:::public/k')).toBe('allow');
    expect(decide(alice([allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::public/*' }]), 's3:GetObject', 'arn:aws:s3:::private/k')).toBe('deny');
  });

  it('wildcards: * and ?, actions case-insensitive, resources case-sensitive', () => {
    const spec = alice([allow(['s3:Get*', 'IAM:?etUser'], ['arn:aws:s3:::bucket-??/*', 'arn:aws:iam::111122223333:user/*'])]);
    expect(decide(spec, 'S3:GETOBJECT', 'arn:aws:s3:::bucket-01/k')).toBe('allow');
    expect(decide(spec, 's3:GetObject', 'arn:aws:s3:::bucket-001/k')).toBe('implicit-deny');
    expect(decide(spec, 's3:GetObject', 'arn:aws:s3:::BUCKET-01/k')).toBe('implicit-deny');
    expect(decide(spec, 'iam:GetUser', arn('user', 'bob'))).toBe('allow');
  });

  it('policies come from the user, its groups, inline and attached; only a managed policy default version counts', () => {
    const spec: ExportSpec = {
      users: [{ name: 'alice', groups: ['devs'], attached: [arn('policy', 'p')] }],
      groups: [{ name: 'devs', statements: [allow('sqs:SendMessage')] }],
      policies: [{ name: 'p', versions: [{ id: 'v2', statements: [allow('sns:Publish')], isDefault: true }, { id: 'v1', statements: [allow('*')], isDefault: false }] }],
    };
    expect(decide(spec, 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:q')).toBe('allow');
    expect(decide(spec, 'sns:Publish', 'arn:aws:sns:eu-west-1:111122223333:t')).toBe('allow');
    expect(decide(spec, 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('implicit-deny');
  });

  it('a permissions boundary intersects: both must allow, and its deny denies', () => {
    const bounded = (identity: Record<string, unknown>[], boundary: Record<string, unknown>[]): ExportSpec => ({
      users: [{ name: 'alice', statements: identity, boundary: arn('policy', 'b') }],
      policies: [{ name: 'b', versions: [{ id: 'v1', statements: boundary }] }],
    });
    expect(decide(bounded([allow('s3:*')], [allow('s3:GetObject')]), 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('allow');
    expect(decide(bounded([allow('s3:*')], [allow('s3:GetObject')]), 's3:PutObject', 'arn:aws:s3:::b/k')).toBe('implicit-deny');
    expect(decide(bounded([allow('s3:GetObject')], [allow('*')]), 's3:PutObject', 'arn:aws:s3:::b/k')).toBe('implicit-deny');
    expect(decide(bounded([allow('*')], [allow('*'), deny('s3:*')]), 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('deny');
  });

  it('a Condition lateral cannot decide makes the allow conditional, never silently allowed or dropped', () => {
    const r = iamEngine(new PolicyContext(load(alice([allow('s3:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })])), { at: '2026-11-24' })).evaluate(ALICE, 's3:GetObject', 'arn:aws:s3:::b/k');
    expect(r.decision).toBe('conditional');
    expect(r.conditions.map((c) => c.keys)).toEqual([['Bool aws:MultiFactorAuthPresent']]);
  });

  it('conditions on what lateral knows decide: the evaluation date, the user name', () => {
    expect(decide(alice([allow('iam:CreatePolicyVersion', '*', { Condition: { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } } })]), 'iam:CreatePolicyVersion', arn('policy', 'p'))).toBe('allow');
    expect(decide(alice([allow('iam:CreatePolicyVersion', '*', { Condition: { DateLessThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } } })]), 'iam:CreatePolicyVersion', arn('policy', 'p'))).toBe('implicit-deny');
    expect(decide(alice([allow('iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/${aws:username}')]), 'iam:CreateAccessKey', ALICE)).toBe('allow');
    expect(decide(alice([allow('iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/${aws:username}')]), 'iam:CreateAccessKey', arn('user', 'bob'))).toBe('implicit-deny');
  });

  it('a deny whose condition is undecided leaves the allow conditional', () => {
    expect(decide(alice([allow('*'), deny('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })]), 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('conditional');
  });

  it('policy documents may be URL-encoded JSON strings', () => {
    const raw = {
      UserDetailList: [{ UserName: 'alice', Arn: ALICE, UserPolicyList: [{ PolicyName: 'enc', PolicyDocument: encodeURIComponent(JSON.stringify(doc(allow('kms:Decrypt')))) }], AttachedManagedPolicies: [], GroupList: [] }],
    };
    const m = loadYaml({ 'x.json': JSON.stringify(raw) });
    expect(iamEngine(new PolicyContext(m, { at: '2026-11-24' })).evaluate(ALICE, 'kms:Decrypt', 'arn:aws:kms:eu-west-1:111122223333:key/k').decision).toBe('allow');
  });
});

describe('role assumption', () => {
  const assume = (spec: ExportSpec, from: string, to: string) => iamEngine(new PolicyContext(load(spec), { at: '2026-11-24' })).canAssume(from, to).decision;

  it('within an account, a trust policy naming the user suffices without an identity allow', () => {
    expect(assume({ users: [{ name: 'alice' }], roles: [{ name: 'r', trust: [trusts({ AWS: ALICE })] }] }, ALICE, arn('role', 'r'))).toBe('allow');
  });

  it('a trust policy naming the account needs an identity allow as well', () => {
    const spec = (statements: Record<string, unknown>[]): ExportSpec => ({ users: [{ name: 'alice', statements }], roles: [{ name: 'r', trust: [trusts({ AWS: 'arn:aws:iam::111122223333:root' })] }] });
    expect(assume(spec([]), ALICE, arn('role', 'r'))).toBe('deny');
    expect(assume(spec([allow('sts:AssumeRole', arn('role', 'r'))]), ALICE, arn('role', 'r'))).toBe('allow');
    expect(assume({ users: [{ name: 'alice', statements: [allow('sts:AssumeRole')] }], roles: [{ name: 'r', trust: [trusts({ AWS: '111122223333' })] }] }, ALICE, arn('role', 'r'))).toBe('allow');
  });

  it('an explicit deny in the identity policies wins even when the trust names the user', () => {
    expect(assume({ users: [{ name: 'alice', statements: [deny('sts:AssumeRole')] }], roles: [{ name: 'r', trust: [trusts({ AWS: ALICE })] }] }, ALICE, arn('role', 'r'))).toBe('deny');
  });

  it('across accounts both the trust and the identity policy are needed', () => {
    const other = '444455556666';
    const bob = arn('user', 'bob', other);
    const spec = (statements: Record<string, unknown>[]): ExportSpec => ({ users: [{ name: 'bob', account: other, statements }], roles: [{ name: 'r', trust: [trusts({ AWS: bob })] }] });
    expect(assume(spec([]), bob, arn('role', 'r'))).toBe('deny');
    expect(assume(spec([allow('sts:AssumeRole', arn('role', 'r'))]), bob, arn('role', 'r'))).toBe('allow');
  });

  it('a role caller with a permissions boundary needs the boundary to allow sts:AssumeRole', () => {
    const spec: ExportSpec = {
      roles: [
        { name: 'caller', trust: [], boundary: arn('policy', 'b') },
        { name: 'target', trust: [trusts({ AWS: arn('role', 'caller') })] },
      ],
      policies: [{ name: 'b', versions: [{ id: 'v1', statements: [allow('s3:*')] }] }],
    };
    expect(assume(spec, arn('role', 'caller'), arn('role', 'target'))).toBe('deny');
  });

  it('a trust condition lateral cannot decide makes the assumption conditional', () => {
    expect(assume({ users: [{ name: 'alice' }], roles: [{ name: 'r', trust: [trusts({ AWS: ALICE }, { Condition: { StringEquals: { 'sts:ExternalId': 'x' } } })] }] }, ALICE, arn('role', 'r'))).toBe('conditional');
  });

  it('service principals and federated GitHub Actions OIDC with sub and aud conditions', () => {
    const provider = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
    const trust = doc({
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:ref:refs/heads/main' } },
    });
    const parsed = { statements: trust.Statement.map((s, index) => ({ index, effect: 'Allow' as const, principal: { Federated: [provider] }, action: ['sts:AssumeRoleWithWebIdentity'], condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'] }, StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:acme/shop:ref:refs/heads/main'] } } })) };
    const ctx = (sub: string) => ({ values: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'], 'token.actions.githubusercontent.com:sub': [sub] } });
    const federated = { kind: 'federated' as const, provider };
    expect(evaluateTrust('r', parsed, federated, 'sts:AssumeRoleWithWebIdentity', ctx('repo:acme/shop:ref:refs/heads/main')).decision).toBe('allow');
    expect(evaluateTrust('r', parsed, federated, 'sts:AssumeRoleWithWebIdentity', ctx('repo:acme/shop:pull_request')).decision).toBe('deny');
    expect(evaluateTrust('r', parsed, federated, 'sts:AssumeRoleWithWebIdentity').decision).toBe('conditional');
    expect(evaluateTrust('r', parsed, { kind: 'service', service: 'ec2.amazonaws.com' }, 'sts:AssumeRole').decision).toBe('deny');
    const service = { statements: [{ index: 0, effect: 'Allow' as const, principal: { Service: ['ec2.amazonaws.com'] }, action: ['sts:AssumeRole'] }] };
    expect(evaluateTrust('r', service, { kind: 'service', service: 'ec2.amazonaws.com' }, 'sts:AssumeRole').decision).toBe('allow');
  });
});
