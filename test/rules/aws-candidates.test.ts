/**
 * The AWS rules evaluate only candidates — roles whose trust can name the caller, targets an
 * Allow statement can cover — so each rule is checked here on the shapes an index could get
 * wrong: wildcard and NotResource resources, `iam:*` / `*` / `iam:Pass*` / NotAction
 * actions, trusts naming an account id, its root, `*`, a service or a session, explicit
 * Denies. Each expectation lists the rule's exact edges.
 */
import { describe, expect, it } from 'vitest';
import { PolicyContext } from '../../src/policy/context.js';
import { RULES } from '../../src/rules/index.js';
import { ACCOUNT, ADMIN, allow, arn, deny, load, trusts, type ExportSpec, type RoleSpec } from '../helpers/aws-export.js';

const OTHER = '444455556666';
const ME = arn('user', 'attacker');
const APP_ROLES = `arn:aws:iam::*:role/app-*`;

function edges(ruleId: string, spec: ExportSpec): string[] {
  const model = load(spec);
  const rule = RULES.find((r) => r.id === ruleId)!;
  return rule.find(model, new PolicyContext(model, { at: '2026-12-02' })).map((f) => `${f.from.split(':').pop()} -> ${f.to.split(':').pop()}`);
}
const attacker = (...statements: Record<string, unknown>[]) => ({ name: 'attacker', statements });
const role = (name: string, trust: Record<string, unknown>[], extra: Partial<RoleSpec> = {}): RoleSpec => ({ name, trust, ...extra });
// Roles the account trusts as a whole: only an identity-policy allow lets a principal in.
const accountTrusted = [role('app-db', [trusts({ AWS: ACCOUNT })]), role('app-web', [trusts({ AWS: ADMIN })]), role('ops', [trusts({ AWS: ADMIN })])];

describe('aws-assume-role', () => {
  it('a trust naming the account needs an identity allow: a wildcard Resource matches some roles', () => {
    expect(edges('aws-assume-role', { users: [attacker(allow('sts:AssumeRole', APP_ROLES))], roles: accountTrusted })).toEqual(['user/attacker -> role/app-db', 'user/attacker -> role/app-web']);
    expect(edges('aws-assume-role', { users: [attacker(allow('s3:*'))], roles: accountTrusted })).toEqual([]);
  });

  it('NotResource, NotAction and an explicit Deny', () => {
    expect(edges('aws-assume-role', { users: [attacker({ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: arn('role', 'ops') })], roles: accountTrusted })).toEqual(['user/attacker -> role/app-db', 'user/attacker -> role/app-web']);
    expect(edges('aws-assume-role', { users: [attacker({ Effect: 'Allow', NotAction: 'iam:*', Resource: arn('role', 'ops') })], roles: accountTrusted })).toEqual(['user/attacker -> role/ops']);
    expect(edges('aws-assume-role', { users: [attacker(allow('sts:*'), deny('sts:AssumeRole', arn('role', 'app-db')))], roles: accountTrusted })).toEqual(['user/attacker -> role/app-web', 'user/attacker -> role/ops']);
  });

  it('a trust naming the caller, a session of it or everyone needs no identity allow; a service principal names no one', () => {
    const roles = [
      role('anyone', [trusts('*')]),
      role('any-aws', [trusts({ AWS: '*' })]),
      role('lambda', [trusts({ Service: 'lambda.amazonaws.com' })]),
      role('named', [trusts({ AWS: ME })]),
      role('sessions', [trusts({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/caller/any` })]),
      role('not-me', [{ Effect: 'Allow', NotPrincipal: { AWS: ME }, Action: 'sts:AssumeRole' }]),
      role('caller', [trusts({ Service: 'ec2.amazonaws.com' })]),
    ];
    expect(edges('aws-assume-role', { users: [attacker()], roles }).filter((e) => e.startsWith('user/'))).toEqual(['user/attacker -> role/any-aws', 'user/attacker -> role/anyone', 'user/attacker -> role/named']);
    expect(edges('aws-assume-role', { users: [attacker()], roles }).filter((e) => e.startsWith('role/caller'))).toEqual(['role/caller -> role/any-aws', 'role/caller -> role/anyone', 'role/caller -> role/not-me', 'role/caller -> role/sessions']);
  });

  it('a Deny in the trust policy blocks', () => {
    expect(edges('aws-assume-role', { users: [attacker()], roles: [role('anyone', [trusts('*'), { Effect: 'Deny', Principal: { AWS: ME }, Action: 'sts:AssumeRole' }])] })).toEqual([]);
  });

  it('across accounts both the trust and an identity allow are needed', () => {
    const x = role('x', [trusts({ AWS: `arn:aws:iam::${ACCOUNT}:root` })], { account: OTHER });
    expect(edges('aws-assume-role', { users: [attacker(allow('sts:AssumeRole', 'arn:aws:iam::*:role/x'))], roles: [x] })).toEqual(['user/attacker -> role/x']);
    expect(edges('aws-assume-role', { users: [attacker()], roles: [{ ...x, trust: [trusts({ AWS: ME })] }] })).toEqual([]);
  });
});

describe('iam:PassRole methods', () => {
  const roles = [role('fn-a', [trusts({ Service: 'lambda.amazonaws.com' })]), role('fn-b', [trusts({ Service: 'lambda.amazonaws.com' })]), role('vm', [trusts({ Service: 'ec2.amazonaws.com' })])];
  const lambda = allow(['lambda:CreateFunction', 'lambda:InvokeFunction']);

  it.each(['iam:PassRole', 'iam:Pass*', 'iam:*', '*'])('%s on role/fn-*', (action) => {
    expect(edges('aws-pass-role-lambda', { users: [attacker(allow(action, 'arn:aws:iam::*:role/fn-*'), lambda)], roles })).toEqual(['user/attacker -> role/fn-a', 'user/attacker -> role/fn-b']);
  });

  it('NotAction, NotResource and an explicit Deny', () => {
    expect(edges('aws-pass-role-lambda', { users: [attacker({ Effect: 'Allow', NotAction: 's3:*', Resource: arn('role', 'fn-b') }, lambda)], roles })).toEqual(['user/attacker -> role/fn-b']);
    expect(edges('aws-pass-role-lambda', { users: [attacker({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: arn('role', 'fn-b') }, lambda)], roles })).toEqual(['user/attacker -> role/fn-a']);
    expect(edges('aws-pass-role-lambda', { users: [attacker(allow('iam:PassRole'), deny('iam:PassRole', arn('role', 'fn-a')), lambda)], roles })).toEqual(['user/attacker -> role/fn-b']);
    expect(edges('aws-pass-role-lambda', { users: [attacker(allow('iam:PassRole'))], roles })).toEqual([]);
  });
});

describe('IAM writes on other principals', () => {
  it('iam:UpdateAssumeRolePolicy on a wildcard Resource', () => {
    expect(edges('aws-update-assume-role-policy', { users: [attacker(allow('iam:Update*', APP_ROLES))], roles: accountTrusted })).toEqual(['user/attacker -> role/app-db', 'user/attacker -> role/app-web']);
  });

  it('iam:AttachRolePolicy on a role it may assume through the account trust', () => {
    const found = (statements: Record<string, unknown>[]) => {
      const model = load({ users: [attacker(...statements)], roles: accountTrusted });
      return RULES.find((r) => r.id === 'aws-attach-role-policy')!.find(model, new PolicyContext(model, { at: '2026-12-02' })).map((f) => f.reason);
    };
    expect(found([allow('iam:AttachRolePolicy', APP_ROLES)])).toEqual([]);
    expect(found([allow('iam:AttachRolePolicy', APP_ROLES), allow('sts:AssumeRole', arn('role', 'app-web'))])).toEqual([`${ME} attaches AdministratorAccess to ${arn('role', 'app-web')} (iam:AttachRolePolicy) and assumes it`]);
    expect(found([allow('iam:*', arn('role', 'ops')), allow('sts:AssumeRole')])).toEqual([`${ME} attaches AdministratorAccess to ${arn('role', 'ops')} (iam:AttachRolePolicy) and assumes it`]);
  });

  it('iam:CreateAccessKey on user/* but for a denied user; iam:CreateLoginProfile on one user', () => {
    const users = [attacker(allow('iam:CreateAccess*', `arn:aws:iam::${ACCOUNT}:user/*`), deny('iam:CreateAccessKey', arn('user', 'v2')), allow('iam:CreateLoginProfile', arn('user', 'v2'))), { name: 'v1' }, { name: 'v2' }];
    expect(edges('aws-create-access-key', { users })).toEqual(['user/attacker -> user/v1']);
    expect(edges('aws-create-login-profile', { users })).toEqual(['user/attacker -> user/v2']);
  });

  it('iam:AddUserToGroup with NotResource', () => {
    const spec: ExportSpec = { users: [attacker({ Effect: 'Allow', Action: 'iam:*', NotResource: arn('group', 'b') })], groups: [{ name: 'a' }, { name: 'b' }] };
    expect(edges('aws-add-user-to-group', spec)).toEqual(['user/attacker -> group/a']);
  });
});

describe('aws-grant', () => {
  it('a wildcard Resource covers some buckets; NotResource the others', () => {
    const named = role('lister', [], { statements: [allow('s3:ListBucket', ['arn:aws:s3:::data-a', 'arn:aws:s3:::logs'])] });
    const mine = (edges: string[]) => edges.filter((e) => e.startsWith('user/'));
    expect(mine(edges('aws-grant', { users: [attacker(allow('s3:Get*', 'arn:aws:s3:::data-*'))], roles: [named] }))).toEqual(['user/attacker -> data-a']);
    expect(mine(edges('aws-grant', { users: [attacker({ Effect: 'Allow', Action: 's3:ListBucket', NotResource: 'arn:aws:s3:::data-*' })], roles: [named] }))).toEqual(['user/attacker -> logs']);
  });
});
