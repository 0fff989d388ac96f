/**
 * An `aws iam get-account-authorization-details` export for one account: about N/5 roles and
 * N/25 users, groups, and customer managed policies with versions. Roles trust services,
 * the account, or other roles (chains, and a few cycles); a few policies are escalation-prone
 * (iam:PassRole + lambda:CreateFunction, iam:CreatePolicyVersion on the caller's own policy,
 * sts:AssumeRole on `*`); buckets and secrets are named in policies; a few roles carry tier tags.
 */
import { namespaceName } from './plan.js';
import { Rng } from './prng.js';

export const ACCOUNT = '210987654321';
export const ADMIN_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const REGION = 'eu-west-1';
const iam = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

type Statement = Record<string, unknown>;
const doc = (...Statement: Statement[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[], extra: Statement = {}): Statement => ({ Effect: 'Allow', Action, Resource, ...extra });

const FUNCTIONS = ['reader', 'writer', 'deployer', 'etl', 'lambda-exec', 'ecs-task', 'backup', 'ci', 'analytics', 'support'];
const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter'];
const GROUPS = ['developers', 'ops', 'data-eng', 'security', 'support', 'finance', 'contractors'];
const BUCKET_KINDS = ['backups', 'exports', 'artifacts', 'logs', 'uploads', 'reports'];
const SERVICES = ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'];

export interface AwsExport {
  json: Record<string, unknown>;
  roles: number;
  users: number;
  /** resource ARNs named in default or inline policies, crown jewels first */
  crownJewels: string[];
  /** a user whose key a scenario may steal */
  firstUser: string;
}

function uniqueNamer() {
  const used = new Map<string, number>();
  return (word: string) => {
    const k = (used.get(word) ?? 0) + 1;
    used.set(word, k);
    return k === 1 ? word : `${word}-${k}`;
  };
}

const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => '0123456789ABCDEF'[rng.int(0, 15)]).join('');
const date = (rng: Rng) => `20${rng.int(19, 25)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')} 09:00:00+00:00`;

interface RoleDraft {
  name: string;
  trust: Statement[];
  inline: Statement[];
  attached: string[];
  tags: { Key: string; Value: string }[];
  service?: string;
}

export function awsExport(seed: number, workloads: number): AwsExport {
  const rng = Rng.for(seed, 'aws');
  const roleCount = Math.max(2, Math.round(workloads / 5));
  const userCount = Math.max(1, Math.round(workloads / 25));
  const groupCount = Math.min(GROUPS.length, Math.max(1, Math.ceil(userCount / 10)));
  const policyCount = Math.max(3, Math.ceil(roleCount / 8));
  const uniq = uniqueNamer();

  // Resources named in policies: buckets (the first is the crown jewel) and secrets.
  const buckets = Array.from({ length: Math.max(3, Math.ceil(roleCount / 10)) }, (_, i) => (i === 0 ? 'acme-customer-backups' : `acme-${namespaceName(i % 30)}-${BUCKET_KINDS[i % BUCKET_KINDS.length]}${i >= 30 ? `-${i}` : ''}`));
  const secrets = Array.from({ length: Math.max(2, Math.ceil(roleCount / 20)) }, (_, i) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${namespaceName(i)}/db-credentials-${hex(rng, 6)}`);
  const bucketGrant = (b: string, write: boolean): Statement =>
    allow(write ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'], `arn:aws:s3:::${b}/*`);
  // The crown-jewel bucket is granted by one role only (the Lambda role below); the rest share the others.
  const dataGrant = (): Statement => (rng.chance(0.7) ? bucketGrant(rng.pick(buckets.slice(1)), rng.chance(0.3)) : allow('secretsmanager:GetSecretValue', rng.pick(secrets)));

  // Customer managed policies; one keeps an old, wider version that is no longer the default.
  const policies = Array.from({ length: policyCount }, (_, i) => {
    const name = `${namespaceName(i)}-access`;
    const statements = [dataGrant(), ...(rng.chance(0.5) ? [dataGrant()] : [])];
    const versions = i === 1
      ? [
          { VersionId: 'v1', IsDefaultVersion: false, Document: doc(allow('*', '*')), CreateDate: date(rng) },
          { VersionId: 'v2', IsDefaultVersion: true, Document: doc(...statements), CreateDate: date(rng) },
        ]
      : [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc(...statements), CreateDate: date(rng) }];
    return { name, arn: iam('policy', name), versions };
  });

  // Roles: 0 is the break-glass administrator, the rest trust a service, the account or an earlier role.
  const roles: RoleDraft[] = [];
  for (let i = 0; i < roleCount; i++) {
    if (i === 0) {
      roles.push({
        name: 'break-glass-admin',
        trust: [{ Effect: 'Allow', Principal: { AWS: ADMIN_ARN }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
        inline: [],
        attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        tags: [{ Key: 'tier', Value: '0' }, { Key: 'owner', Value: 'team-security' }],
      });
      continue;
    }
    const fn = rng.pick(FUNCTIONS);
    const name = uniq(`${namespaceName(rng.int(0, 29))}-${fn}`);
    const roll = rng.next();
    const r: RoleDraft = { name, trust: [], inline: [], attached: [], tags: [{ Key: 'owner', Value: `team-${namespaceName(i % 30)}` }] };
    if (roll < 0.3 || i === 1) {
      r.service = i === 1 ? 'lambda.amazonaws.com' : rng.pick(SERVICES);
      r.trust.push({ Effect: 'Allow', Principal: { Service: r.service }, Action: 'sts:AssumeRole' });
    } else if (roll < 0.8 && i > 1) {
      r.trust.push({ Effect: 'Allow', Principal: { AWS: iam('role', roles[rng.int(1, i - 1)]!.name) }, Action: 'sts:AssumeRole' });
    } else {
      r.trust.push({ Effect: 'Allow', Principal: { AWS: ADMIN_ARN }, Action: 'sts:AssumeRole' });
    }
    if (rng.chance(0.7)) r.attached.push(rng.pick(policies).arn);
    if (rng.chance(0.5) || i === 1) r.inline.push(i === 1 ? bucketGrant(buckets[0]!, true) : dataGrant());
    if (rng.chance(0.03)) r.tags.push({ Key: 'tier', Value: '0' });
    else if (rng.chance(0.1)) r.tags.push({ Key: 'tier', Value: '1' });
    roles.push(r);
  }
  // Cycles: a few pairs that trust each other.
  const cycles = Math.max(1, Math.round(roleCount / 200));
  for (let c = 0; c < cycles && roleCount > 3; c++) {
    const a = rng.int(2, roleCount - 1);
    const b = rng.int(2, roleCount - 1);
    if (a === b) continue;
    roles[a]!.trust.push({ Effect: 'Allow', Principal: { AWS: iam('role', roles[b]!.name) }, Action: 'sts:AssumeRole' });
    roles[b]!.trust.push({ Effect: 'Allow', Principal: { AWS: iam('role', roles[a]!.name) }, Action: 'sts:AssumeRole' });
  }
  // Escalation-prone roles: pass any role to a new Lambda; assume any role.
  const risky = Math.max(1, Math.round(roleCount / 100));
  for (let k = 0; k < risky && roleCount > 2; k++) {
    const passer = roles[rng.int(2, roleCount - 1)]!;
    passer.inline.push(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], '*'));
    const assumer = roles[rng.int(2, roleCount - 1)]!;
    assumer.inline.push(allow('sts:AssumeRole', '*'));
  }

  // Users: people in groups who may assume a role or two (the role's trust names them), and CI users.
  const groups = GROUPS.slice(0, groupCount).map((name, i) => ({
    name,
    attached: [policies[i % policies.length]!.arn],
    inline: [allow(['s3:ListBucket'], `arn:aws:s3:::${rng.pick(buckets)}`)],
  }));
  const users: { name: string; groups: string[]; inline: Statement[]; attached: string[]; tags: { Key: string; Value: string }[] }[] = [];
  const selfService: typeof policies = [];
  for (let i = 0; i < userCount; i++) {
    const ci = rng.chance(0.2);
    const name = uniq(ci ? `ci-${namespaceName(rng.int(0, 29))}` : rng.pick(PEOPLE));
    const u = { name, groups: ci ? [] : [rng.pick(groups).name], inline: [] as Statement[], attached: [] as string[], tags: [{ Key: 'owner', Value: `team-${namespaceName(i % 30)}` }] };
    const targets = [...new Set(Array.from({ length: i === 0 ? 1 : rng.int(0, 2) }, () => roles[rng.int(1, roleCount - 1)]!))];
    for (const t of targets) t.trust.push({ Effect: 'Allow', Principal: { AWS: iam('user', name) }, Action: 'sts:AssumeRole' });
    if (targets.length > 0) u.inline.push(allow('sts:AssumeRole', targets.map((t) => iam('role', t.name)).sort()));
    users.push(u);
  }
  // Users who may rewrite the managed policy attached to themselves: a path to administrator.
  for (let k = 0; k < Math.max(1, Math.round(userCount / 50)); k++) {
    const u = users[rng.int(0, userCount - 1)]!;
    const name = `${u.name}-self-service`;
    if (selfService.some((p) => p.name === name)) continue;
    const arn = iam('policy', name);
    const p = { name, arn, versions: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc(allow(['iam:CreatePolicyVersion', 'iam:GetPolicy', 'iam:ListPolicyVersions'], arn)), CreateDate: date(rng) }] };
    selfService.push(p);
    u.attached.push(arn);
  }

  const attachedList = (arns: string[]) => [...arns].sort().map((PolicyArn) => ({ PolicyName: PolicyArn.split('/').pop()!, PolicyArn }));
  const json = {
    UserDetailList: [...users].sort((a, b) => (a.name < b.name ? -1 : 1)).map((u) => ({
      Path: '/',
      UserName: u.name,
      UserId: `AIDA${hex(rng, 16)}`,
      Arn: iam('user', u.name),
      CreateDate: date(rng),
      GroupList: u.groups,
      UserPolicyList: u.inline.length > 0 ? [{ PolicyName: 'assume-roles', PolicyDocument: doc(...u.inline) }] : [],
      AttachedManagedPolicies: attachedList(u.attached),
      Tags: u.tags,
    })),
    GroupDetailList: groups.map((g) => ({
      Path: '/',
      GroupName: g.name,
      GroupId: `AGPA${hex(rng, 16)}`,
      Arn: iam('group', g.name),
      CreateDate: date(rng),
      GroupPolicyList: [{ PolicyName: 'list-buckets', PolicyDocument: doc(...g.inline) }],
      AttachedManagedPolicies: attachedList(g.attached),
    })),
    RoleDetailList: [...roles].sort((a, b) => (a.name < b.name ? -1 : 1)).map((r) => ({
      Path: '/',
      RoleName: r.name,
      RoleId: `AROA${hex(rng, 16)}`,
      Arn: iam('role', r.name),
      CreateDate: date(rng),
      AssumeRolePolicyDocument: doc(...r.trust),
      InstanceProfileList: r.service === 'ec2.amazonaws.com' ? [{ Path: '/', InstanceProfileName: r.name, Arn: iam('instance-profile', r.name), Roles: [] }] : [],
      RolePolicyList: r.inline.length > 0 ? [{ PolicyName: `${r.name}-inline`, PolicyDocument: doc(...r.inline) }] : [],
      AttachedManagedPolicies: attachedList(r.attached),
      Tags: r.tags,
    })),
    Policies: [...policies, ...selfService].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => ({
      PolicyName: p.name,
      PolicyId: `ANPA${hex(rng, 16)}`,
      Arn: p.arn,
      Path: '/',
      DefaultVersionId: p.versions.find((v) => v.IsDefaultVersion)!.VersionId,
      AttachmentCount: 1,
      IsAttachable: true,
      CreateDate: p.versions[0]!.CreateDate,
      UpdateDate: p.versions[p.versions.length - 1]!.CreateDate,
      PolicyVersionList: p.versions,
    })),
  };
  return { json, roles: roleCount, users: userCount, crownJewels: [`arn:aws:s3:::${buckets[0]!}`], firstUser: iam('user', users[0]!.name) };
}
