/** The authorization-details ingest: principals, tags, accounts, versions and what is missing. */
import { describe, expect, it } from 'vitest';
import { ACCOUNT, allow, arn, exportOf } from '../helpers/aws-export.js';
import { loadYaml, problemsOf } from '../helpers/load-yaml.js';

describe('aws-iam ingest', () => {
  it('makes an identity per user, role and group, and an administrator per account', () => {
    const other = exportOf({ users: [{ name: 'bob', account: '444455556666' }] });
    const m = loadYaml({ 'a.json': JSON.stringify(exportOf({ users: [{ name: 'alice' }], roles: [{ name: 'r', trust: [] }], groups: [{ name: 'g' }] })), 'b.json': JSON.stringify(other) });
    expect(m.identities.map((i) => [i.id, i.kind]).sort()).toEqual([
      ['arn:aws:iam::111122223333:group/g', 'aws-group'],
      ['arn:aws:iam::111122223333:role/r', 'aws-role'],
      ['arn:aws:iam::111122223333:root', 'aws-account'],
      ['arn:aws:iam::111122223333:user/alice', 'aws-user'],
      ['arn:aws:iam::444455556666:root', 'aws-account'],
      ['arn:aws:iam::444455556666:user/bob', 'aws-user'],
    ]);
  });

  it('a principal in two exports keeps its later definition and lists the earlier as skipped', () => {
    const m = loadYaml({ 'a.json': JSON.stringify(exportOf({ users: [{ name: 'alice', statements: [allow('s3:*')] }] })), 'b.json': JSON.stringify(exportOf({ users: [{ name: 'alice', statements: [allow('sqs:*')] }] })) });
    expect(m.aws.principals.map((p) => p.inline[0]!.document.statements[0]!.action)).toEqual([['sqs:*']]);
    expect(m.identities.filter((i) => i.id === arn('user', 'alice'))).toHaveLength(1);
    expect(m.skipped.map((s) => s.reason.replace(/in \S+b\.json/, 'in b.json'))).toEqual([`${arn('user', 'alice')} is defined again in b.json: the later definition is used`]);
  });

  it('reads owner/Owner and tier tags', () => {
    const x = exportOf({ users: [{ name: 'alice' }] }) as { UserDetailList: { Tags: unknown[] }[] };
    x.UserDetailList[0]!.Tags = [{ Key: 'Owner', Value: 'team-a' }, { Key: 'tier', Value: '0' }];
    const alice = loadYaml({ 'x.json': JSON.stringify(x) }).identities.find((i) => i.id === arn('user', 'alice'));
    expect([alice?.owner, alice?.tier]).toEqual(['team-a', 0]);
  });

  it('keeps the default version in force and the others for rollbacks', () => {
    const m = loadYaml({ 'x.json': JSON.stringify(exportOf({ policies: [{ name: 'p', versions: [{ id: 'v1', statements: [allow('*')], isDefault: false }, { id: 'v2', statements: [allow('s3:*')], isDefault: true }] }] })) });
    const p = m.aws.policies.get(arn('policy', 'p'))!;
    expect([p.defaultVersion, p.document.statements[0]!.action, p.otherVersions.map((v) => v.id)]).toEqual(['v2', ['s3:*'], ['v1']]);
  });

  it('turns resources named in policies into nodes, object ARNs folded into their bucket', () => {
    const m = loadYaml({ 'x.json': JSON.stringify(exportOf({ users: [{ name: 'a', statements: [allow('s3:GetObject', ['arn:aws:s3:::data/*', 'arn:aws:s3:::logs-*/x']), allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf`)] }] })) });
    expect(m.resources.map((r) => [r.id, r.type])).toEqual([
      ['arn:aws:s3:::data', 'bucket'],
      [`arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf`, 'secret'],
    ]);
  });

  it('lists attached policies the inputs do not define', () => {
    const m = loadYaml({ 'x.json': JSON.stringify(exportOf({ users: [{ name: 'a', attached: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'] }] })) });
    expect(m.skipped.map((s) => s.reason.split(' (')[0])).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
  });

  it('reports wrong types and unreadable documents with file:line', () => {
    const bad = { UserDetailList: [{ UserName: 'a', Arn: arn('user', 'a'), UserPolicyList: [{ PolicyName: 'p', PolicyDocument: '%7Bnot json' }], GroupList: 'devs' }], RoleDetailList: [{ RoleName: 'r', Arn: arn('role', 'r'), AssumeRolePolicyDocument: { Statement: [{ Effect: 'Maybe' }] } }] };
    expect(problemsOf({ 'bad.json': JSON.stringify(bad, null, 1) })).toEqual(['bad.json:12: UserDetailList[0].GroupList: Invalid input: expected array, received string']);
    const unreadable = { UserDetailList: [{ UserName: 'a', Arn: arn('user', 'a'), UserPolicyList: [{ PolicyName: 'p', PolicyDocument: '%7Bnot json' }] }], RoleDetailList: [{ RoleName: 'r', Arn: arn('role', 'r'), AssumeRolePolicyDocument: { Statement: [{ Effect: 'Maybe' }] } }] };
    expect(problemsOf({ 'bad.json': JSON.stringify(unreadable, null, 1) })).toEqual([
      'bad.json:9: UserDetailList[0].UserPolicyList[0].PolicyDocument: not a JSON policy document (plain or URL-encoded)',
      'bad.json:18: RoleDetailList[0].AssumeRolePolicyDocument: Statement[0].Effect must be Allow or Deny',
    ]);
  });
});
