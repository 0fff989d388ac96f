/**
 * Policy variables, ARN condition operators, the shape of an evaluation result, trust
 * policy principal forms and role assumption with boundaries — from the IAM reference
 * ("Policy variables", "Version", "Condition operators", "Principal", "Policy evaluation
 * logic", "Permissions boundaries for IAM entities").
 */
import { describe, expect, it } from 'vitest';
import { PolicyContext } from '../../../src/policy/context.js';
import { canAssume, compileArnPattern, compileDocument, compileWildcard, evaluate, evaluateConditions, evaluateTrust, iamEngine, type TrustCaller } from '../../../src/policy/iam/index.js';
import type { IamDocument } from '../../../src/model/aws.js';
import { parseDocument } from '../../../src/ingest/aws-iam/document.js';
import { ACCOUNT, allow, arn, deny, load, trusts, type ExportSpec } from '../../helpers/aws-export.js';
import { loadYaml } from '../../helpers/load-yaml.js';

const ALICE = arn('user', 'alice');
const engineOf = (spec: ExportSpec) => iamEngine(new PolicyContext(load(spec), { at: '2026-11-24' }));

describe('policy variables', () => {
  const own = allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*');

  it('${aws:username} is the user name; a role has none, so the element does not match', () => {
    const e = engineOf({ users: [{ name: 'alice', statements: [own] }], roles: [{ name: 'r', trust: [], statements: [own] }] });
    expect(e.evaluate(ALICE, 's3:GetObject', 'arn:aws:s3:::home/alice/k').decision).toBe('allow');
    expect(e.evaluate(ALICE, 's3:GetObject', 'arn:aws:s3:::home/bob/k').decision).toBe('implicit-deny');
    expect(e.evaluate(arn('role', 'r'), 's3:GetObject', 'arn:aws:s3:::home/r/k').decision).toBe('implicit-deny');
    expect(e.evaluate(arn('role', 'r'), 's3:GetObject', 'arn:aws:s3:::home/${aws:username}/k').decision).toBe('implicit-deny');
  });

  it('in policy language 2008-10-17 (no Version element) variables are literal strings', () => {
    const raw = { UserDetailList: [{ UserName: 'alice', Arn: ALICE, UserPolicyList: [{ PolicyName: 'old', PolicyDocument: { Statement: [own] } }] }] };
    const e = iamEngine(new PolicyContext(loadYaml({ 'old.json': JSON.stringify(raw) }), { at: '2026-11-24' }));
    expect(e.evaluate(ALICE, 's3:GetObject', 'arn:aws:s3:::home/alice/k').decision).toBe('implicit-deny');
    expect(e.evaluate(ALICE, 's3:GetObject', 'arn:aws:s3:::home/${aws:username}/k').decision).toBe('allow');
  });

  it('a variable lateral does not know makes the statement conditional, never dropped', () => {
    const team = allow('s3:*', 'arn:aws:s3:::team-${aws:PrincipalTag/team}/*');
    const e = engineOf({ roles: [{ name: 'r', trust: [], statements: [team] }] });
    const r = e.evaluate(arn('role', 'r'), 's3:GetObject', 'arn:aws:s3:::team-payments/k');
    expect(r.decision).toBe('conditional');
    expect(r.conditions[0]!.keys).toEqual(['${aws:PrincipalTag/team}']);
    expect(e.evaluate(arn('role', 'r'), 's3:GetObject', 'arn:aws:s3:::other/k').decision).toBe('implicit-deny');
  });

  it("a user's tags are known; a tag it lacks takes the variable's default", () => {
    const spec = (tags: { Key: string; Value: string }[]) => {
      const x = { UserDetailList: [{ UserName: 'alice', Arn: ALICE, Tags: tags, UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [allow('s3:*', "arn:aws:s3:::team-${aws:PrincipalTag/team, 'none'}/*")] } }] }] };
      return iamEngine(new PolicyContext(loadYaml({ 'x.json': JSON.stringify(x) }), { at: '2026-11-24' }));
    };
    expect(spec([{ Key: 'team', Value: 'payments' }]).evaluate(ALICE, 's3:GetObject', 'arn:aws:s3:::team-payments/k').decision).toBe('allow');
    expect(spec([{ Key: 'team', Value: 'payments' }]).evaluate(ALICE, 's3:GetObject', 'arn:aws:s3:::team-none/k').decision).toBe('implicit-deny');
    expect(spec([]).evaluate(ALICE, 's3:GetObject', 'arn:aws:s3:::team-none/k').decision).toBe('allow');
  });

  it('${*}, ${?} and ${$} are the literal characters', () => {
    const e = engineOf({ users: [{ name: 'alice', statements: [allow('s3:GetObject', 'arn:aws:s3:::b/${*}${?}')] }] });
    expect(e.evaluate(ALICE, 's3:GetObject', 'arn:aws:s3:::b/*?').decision).toBe('allow');
    expect(e.evaluate(ALICE, 's3:GetObject', 'arn:aws:s3:::b/xy').decision).toBe('implicit-deny');
  });

  it('variables in condition values', () => {
    const e = engineOf({ users: [{ name: 'alice', statements: [allow('s3:ListBucket', 'arn:aws:s3:::home', { Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } } })] }] });
    expect(e.evaluate(ALICE, 's3:ListBucket', 'arn:aws:s3:::home', { 's3:prefix': ['home/alice/docs'] }).decision).toBe('allow');
    expect(e.evaluate(ALICE, 's3:ListBucket', 'arn:aws:s3:::home', { 's3:prefix': ['home/bob/docs'] }).decision).toBe('implicit-deny');
    expect(e.evaluate(ALICE, 's3:ListBucket', 'arn:aws:s3:::home').decision).toBe('conditional');
  });
});

describe('matchers', () => {
  it('are compiled once per pattern', () => {
    expect(compileWildcard('s3:Get*', true)).toBe(compileWildcard('s3:Get*', true));
    expect(compileArnPattern('arn:aws:iam::*:role/x')).toBe(compileArnPattern('arn:aws:iam::*:role/x'));
  });

  it('ARN operators compare each of the six components separately', () => {
    const m = compileArnPattern('arn:aws:iam::*:role/deploy-*');
    expect(m('arn:aws:iam::111122223333:role/deploy-prod')).toBe(true);
    expect(m('arn:aws:iam::111122223333:role/admin')).toBe(false);
    expect(compileArnPattern('arn:aws:*')('arn:aws:iam::1:role/x')).toBe(false); // fewer than six components
    expect(compileArnPattern('arn:aws:iam::1*:role/x')('arn:aws:iam::1:2:role/x')).toBe(false); // * stays within the account component
    expect(evaluateConditions({ ArnLike: { 'aws:SourceArn': ['arn:aws:sns:*:111122223333:topic-*'] } }, { values: { 'aws:sourcearn': ['arn:aws:sns:eu-west-1:111122223333:topic-a'] } }).result).toBe('true');
    expect(evaluateConditions({ ArnNotLike: { 'aws:SourceArn': ['arn:aws:sns:*:111122223333:*'] } }, { values: { 'aws:sourcearn': ['arn:aws:sns:eu-west-1:444455556666:t'] } }).result).toBe('true');
  });

  it('action names compare case-insensitively, resources case-sensitively', () => {
    expect(compileWildcard('IAM:passrole', true)('iam:PassRole')).toBe(true);
    expect(compileWildcard('arn:aws:s3:::Bucket/*', false)('arn:aws:s3:::bucket/k')).toBe(false);
  });
});

describe('evaluation result', () => {
  const doc = (statements: Record<string, unknown>[]): IamDocument => parseDocument({ Version: '2012-10-17', Statement: statements });

  it('names the statements behind an allow and a deny: policy, index, Sid', () => {
    const set = { identity: [...compileDocument('arn:aws:iam::111122223333:policy/a', doc([allow('s3:*'), { ...allow('s3:GetObject'), Sid: 'Read' }])), ...compileDocument(`${ALICE}#inline:guard`, doc([deny('s3:GetObject', 'arn:aws:s3:::secret/*', { Sid: 'NoSecrets' })]))] };
    const ok = evaluate(set, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' });
    expect(ok).toMatchObject({ decision: 'allow', allowedBy: [{ policy: 'arn:aws:iam::111122223333:policy/a', statement: 0 }, { policy: 'arn:aws:iam::111122223333:policy/a', statement: 1, sid: 'Read' }] });
    const no = evaluate(set, { action: 's3:GetObject', resource: 'arn:aws:s3:::secret/k' });
    expect(no).toMatchObject({ decision: 'deny', deniedBy: { policy: `${ALICE}#inline:guard`, statement: 0, sid: 'NoSecrets' } });
    expect(no.reason).toContain('explicitly denied');
  });

  it('reports each undecided statement with its Condition block verbatim', () => {
    const cond = { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } };
    const r = evaluate({ identity: compileDocument('p', doc([allow('ec2:*', '*', { Condition: cond })])) }, { action: 'ec2:RunInstances', resource: '*' });
    expect(r).toMatchObject({ decision: 'conditional', conditions: [{ origin: { policy: 'p', statement: 0 }, effect: 'Allow', keys: ['Bool aws:MultiFactorAuthPresent'], condition: cond }] });
  });

  it('a deny whose condition is undecided keeps a sure allow conditional; a decided one denies', () => {
    const set = { identity: compileDocument('p', doc([allow('*'), deny('*', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })])) };
    expect(evaluate(set, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }).decision).toBe('conditional');
    expect(evaluate(set, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { values: { 'aws:requestedregion': ['us-east-1'] } } }).decision).toBe('deny');
    expect(evaluate(set, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { values: { 'aws:requestedregion': ['eu-west-1'] } } }).decision).toBe('allow');
  });

  it('a boundary allow under a condition makes the result conditional; a boundary deny denies', () => {
    const identity = compileDocument('p', doc([allow('*')]));
    expect(evaluate({ identity, boundary: compileDocument('b', doc([allow('*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })])), boundaryArn: 'b' }, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }).decision).toBe('conditional');
    expect(evaluate({ identity, boundary: compileDocument('b', doc([allow('*'), deny('s3:*')])), boundaryArn: 'b' }, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' })).toMatchObject({ decision: 'deny', deniedBy: { policy: 'b', statement: 1 } });
  });
});

describe('trust policies', () => {
  const role = 'arn:aws:iam::111122223333:role/target';
  const aws = (a: string, roleName?: string): TrustCaller => ({ kind: 'aws', arn: a, account: a.split(':')[4]!, ...(roleName ? { roleName } : {}) });
  const trust = (principal: unknown, extra: Record<string, unknown> = {}) => parseDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }] });

  it.each([
    ['its ARN', { AWS: ALICE }, aws(ALICE), 'allow', 'arn'],
    ['its account id', { AWS: ACCOUNT }, aws(ALICE), 'allow', 'account'],
    ['its account root', { AWS: `arn:aws:iam::${ACCOUNT}:root` }, aws(ALICE), 'allow', 'account'],
    ['"*"', '*', aws(ALICE), 'allow', 'wildcard'],
    ['{"AWS": "*"}', { AWS: '*' }, aws(ALICE), 'allow', 'wildcard'],
    ['a session of its role', { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/caller/s1` }, aws(arn('role', 'caller'), 'caller'), 'allow', 'session'],
    ['another account', { AWS: '444455556666' }, aws(ALICE), 'deny', undefined],
    ['another user', { AWS: arn('user', 'bob') }, aws(ALICE), 'deny', undefined],
    ['a deleted principal (unique id)', { AWS: 'AIDAEXAMPLEDELETED' }, aws(ALICE), 'deny', undefined],
    ['a service', { Service: 'ec2.amazonaws.com' }, { kind: 'service', service: 'ec2.amazonaws.com' } as TrustCaller, 'allow', 'arn'],
    ['another service', { Service: 'lambda.amazonaws.com' }, { kind: 'service', service: 'ec2.amazonaws.com' } as TrustCaller, 'deny', undefined],
  ])('naming %s', (_what, principal, caller, decision, namedBy) => {
    const r = evaluateTrust(role, trust(principal), caller, 'sts:AssumeRole');
    expect([r.decision, r.namedBy]).toEqual([decision, namedBy]);
  });

  it('GitHub Actions OIDC: Federated provider with aud and sub conditions', () => {
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    const t = parseDocument({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:*' } } }],
    });
    const gh = { kind: 'federated', provider } as const;
    const ctx = (sub: string, aud = 'sts.amazonaws.com') => ({ values: { 'token.actions.githubusercontent.com:aud': [aud], 'token.actions.githubusercontent.com:sub': [sub] } });
    expect(evaluateTrust(role, t, gh, 'sts:AssumeRoleWithWebIdentity', ctx('repo:acme/shop:ref:refs/heads/main')).decision).toBe('allow');
    expect(evaluateTrust(role, t, gh, 'sts:AssumeRoleWithWebIdentity', ctx('repo:acme/shop:pull_request')).decision).toBe('allow');
    expect(evaluateTrust(role, t, gh, 'sts:AssumeRoleWithWebIdentity', ctx('repo:evil/shop:ref:refs/heads/main')).decision).toBe('deny');
    expect(evaluateTrust(role, t, gh, 'sts:AssumeRoleWithWebIdentity', ctx('repo:acme/shop:ref:refs/heads/main', 'other')).decision).toBe('deny');
    const partial = evaluateTrust(role, t, gh, 'sts:AssumeRoleWithWebIdentity', { values: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'] } });
    expect([partial.decision, partial.unknownKeys]).toEqual(['conditional', ['StringLike token.actions.githubusercontent.com:sub']]);
    expect(evaluateTrust(role, t, gh, 'sts:AssumeRole', ctx('repo:acme/shop:x')).decision).toBe('deny'); // wrong action
    expect(evaluateTrust(role, t, { kind: 'federated', provider: provider.replace(ACCOUNT, '444455556666') }, 'sts:AssumeRoleWithWebIdentity', ctx('repo:acme/shop:x')).decision).toBe('deny');
  });

  it('a trust Deny applies; one whose condition is undecided leaves the allow conditional', () => {
    const t = parseDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }, { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }] });
    expect(evaluateTrust(role, t, aws(ALICE), 'sts:AssumeRole').decision).toBe('conditional');
    expect(evaluateTrust(role, t, aws(ALICE), 'sts:AssumeRole', { values: { 'aws:multifactorauthpresent': ['false'] } }).decision).toBe('deny');
    expect(evaluateTrust(role, t, aws(ALICE), 'sts:AssumeRole', { values: { 'aws:multifactorauthpresent': ['true'] } }).decision).toBe('allow');
  });
});

describe('canAssume', () => {
  const ctx = (spec: ExportSpec) => new PolicyContext(load(spec), { at: '2026-11-24' });
  const boundary = (statements: Record<string, unknown>[]) => ({ policies: [{ name: 'b', versions: [{ id: 'v1', statements }] }] });

  it('same account: a trust naming the user suffices, and explains itself by the trust statement', () => {
    const v = canAssume(ctx({ users: [{ name: 'alice' }], roles: [{ name: 'r', trust: [trusts({ AWS: ALICE }, { Sid: 'Alice' })] }] }), ALICE, arn('role', 'r'));
    expect(v).toEqual({ decision: 'allow', decisions: [expect.objectContaining({ layer: 'iam', decision: 'allow', policy: `${arn('role', 'r')}#trust`, rule: 'Alice' })] });
  });

  it("a user's permissions boundary does not limit a trust naming the user", () => {
    expect(canAssume(ctx({ users: [{ name: 'alice', boundary: arn('policy', 'b') }], roles: [{ name: 'r', trust: [trusts({ AWS: ALICE })] }], ...boundary([allow('s3:*')]) }), ALICE, arn('role', 'r')).decision).toBe('allow');
  });

  it('a role caller named by its ARN needs its boundary to allow sts:AssumeRole, not its identity policies', () => {
    const spec = (b: Record<string, unknown>[], principal: string = arn('role', 'caller')): ExportSpec => ({
      roles: [
        { name: 'caller', trust: [], boundary: arn('policy', 'b') },
        { name: 'target', trust: [trusts({ AWS: principal })] },
      ],
      ...boundary(b),
    });
    expect(canAssume(ctx(spec([allow('sts:AssumeRole')])), arn('role', 'caller'), arn('role', 'target')).decision).toBe('allow');
    expect(canAssume(ctx(spec([allow('s3:*')])), arn('role', 'caller'), arn('role', 'target')).decision).toBe('deny');
    // A grant to a session of the role is not limited by the boundary.
    expect(canAssume(ctx(spec([allow('s3:*')], `arn:aws:sts::${ACCOUNT}:assumed-role/caller/any`)), arn('role', 'caller'), arn('role', 'target')).decision).toBe('allow');
  });

  it('a trust naming the account needs the identity policies within the boundary', () => {
    const spec = (identity: Record<string, unknown>[], b: Record<string, unknown>[]): ExportSpec => ({ users: [{ name: 'alice', statements: identity, boundary: arn('policy', 'b') }], roles: [{ name: 'r', trust: [trusts({ AWS: ACCOUNT })] }], ...boundary(b) });
    expect(canAssume(ctx(spec([allow('sts:AssumeRole')], [allow('sts:*')])), ALICE, arn('role', 'r')).decision).toBe('allow');
    expect(canAssume(ctx(spec([allow('sts:AssumeRole')], [allow('s3:*')])), ALICE, arn('role', 'r')).decision).toBe('deny');
    expect(canAssume(ctx(spec([], [allow('*')])), ALICE, arn('role', 'r')).decision).toBe('deny');
  });

  it('an identity Deny whose condition is undecided makes a trust-only allow conditional', () => {
    const spec: ExportSpec = { users: [{ name: 'alice', statements: [deny('sts:AssumeRole', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })] }], roles: [{ name: 'r', trust: [trusts({ AWS: ALICE })] }] };
    expect(canAssume(ctx(spec), ALICE, arn('role', 'r')).decision).toBe('conditional');
  });

  it('across accounts, a role caller needs trust, identity and boundary', () => {
    const other = '444455556666';
    const caller = arn('role', 'ci', other);
    const spec = (identity: Record<string, unknown>[]): ExportSpec => ({ roles: [{ name: 'ci', account: other, trust: [], statements: identity }, { name: 'r', trust: [trusts({ AWS: caller })] }] });
    expect(canAssume(ctx(spec([])), caller, arn('role', 'r')).decision).toBe('deny');
    expect(canAssume(ctx(spec([allow('sts:AssumeRole', arn('role', 'r'))])), caller, arn('role', 'r')).decision).toBe('allow');
  });
});
