/**
 * The candidate indexes may only leave out what the evaluator denies. On random exports —
 * wildcard and NotResource resources, `iam:*` / `*` / `iam:Pass*` / NotAction actions,
 * conditions, explicit Denies, trusts naming an account, its root, `*`, a service, an ARN, a
 * session or NotPrincipal — every (principal, target) the evaluator does not deny must be
 * among the candidates, which keep the order of the list asked about.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyContext } from '../../../src/policy/context.js';
import { Resources } from '../../../src/policy/iam/index.js';
import { iamView } from '../../../src/rules/aws/view.js';
import { ACCOUNT, arn, load, type ExportSpec } from '../../helpers/aws-export.js';

const OTHER = '444455556666';
const USERS = ['u-alice', 'u-bob', 'u-carol'];
const ROLES = ['app-web', 'app-db', 'ops', 'caller'];
const BUCKETS = ['arn:aws:s3:::data-a', 'arn:aws:s3:::data-a/lateral-any-object', 'arn:aws:s3:::logs'];

const ACTIONS = ['iam:PassRole', 'iam:Pass*', 'IAM:passrole', 'iam:*', '*', 'sts:AssumeRole', 'sts:*', 'iam:AttachRolePolicy', 'iam:Put*', 'iam:UpdateAssumeRolePolicy', 'iam:CreateAccessKey', 'iam:AddUserToGroup', 's3:Get*', 's3:ListBucket', 'lambda:CreateFunction'];
const RESOURCES = [
  '*',
  `arn:aws:iam::*:role/app-*`,
  `arn:aws:iam::${ACCOUNT}:role/app-?eb`,
  arn('role', 'ops'),
  arn('role', 'app-db'),
  arn('role', 'x', OTHER),
  `arn:aws:iam::${ACCOUNT}:user/*`,
  arn('user', 'u-bob'),
  arn('group', 'team'),
  `arn:aws:iam::${ACCOUNT}:role/\${aws:PrincipalTag/team}`,
  `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
  'arn:aws:s3:::data-*',
  'arn:aws:s3:::data-a/*',
];
const CONDITIONS = [undefined, { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }, { StringEquals: { 'aws:PrincipalAccount': OTHER } }, { StringLike: { 'iam:PassedToService': 'lambda.*' } }];
const TRUSTED = [{ AWS: ACCOUNT }, { AWS: `arn:aws:iam::${ACCOUNT}:root` }, { AWS: `arn:aws:iam::${OTHER}:root` }, '*', { AWS: '*' }, { Service: 'lambda.amazonaws.com' }, { AWS: arn('user', 'u-alice') }, { AWS: arn('role', 'caller') }, { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/caller/s` }, { AWS: arn('role', 'x', OTHER) }];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const statement = fc
  .record({
    deny: fc.boolean(),
    not: fc.record({ action: fc.boolean(), resource: fc.boolean() }),
    actions: fc.uniqueArray(pick(ACTIONS), { minLength: 1, maxLength: 2 }),
    resources: fc.uniqueArray(pick(RESOURCES), { minLength: 1, maxLength: 2 }),
    condition: pick(CONDITIONS),
  })
  .map((s) => ({
    Effect: s.deny ? 'Deny' : 'Allow',
    [s.not.action ? 'NotAction' : 'Action']: s.actions,
    [s.not.resource ? 'NotResource' : 'Resource']: s.resources,
    ...(s.condition ? { Condition: s.condition } : {}),
  }));
const statements = fc.array(statement, { maxLength: 3 });
const trust = fc.array(
  fc.record({ who: pick(TRUSTED), not: fc.boolean(), deny: fc.boolean(), condition: pick(CONDITIONS) }).map((t) => ({
    Effect: t.deny ? 'Deny' : 'Allow',
    [t.not && t.who !== '*' ? 'NotPrincipal' : 'Principal']: t.who,
    Action: 'sts:AssumeRole',
    ...(t.condition ? { Condition: t.condition } : {}),
  })),
  { maxLength: 3 },
);

const exportSpec = fc
  .record({
    users: fc.tuple(...USERS.map(() => fc.record({ statements, grouped: fc.boolean() }))),
    roles: fc.tuple(...ROLES.map(() => fc.record({ statements, trust }))),
    foreign: fc.record({ statements, trust }),
    group: statements,
  })
  .map(
    (e): ExportSpec => ({
      users: USERS.map((name, i) => ({ name, statements: e.users[i]!.statements, ...(e.users[i]!.grouped ? { groups: ['team'] } : {}) })),
      roles: [...ROLES.map((name, i) => ({ name, ...e.roles[i]! })), { name: 'x', account: OTHER, ...e.foreign }],
      groups: [{ name: 'team', statements: e.group }],
    }),
  );

describe('IAM candidate indexes against the evaluator', () => {
  it('leave out only what the evaluator denies, in the order asked', () => {
    const seen = { assumed: 0, acted: 0 };
    fc.assert(
      fc.property(exportSpec, (spec) => {
        const model = load(spec);
        const view = iamView(new PolicyContext(model, { at: '2026-12-02' }));
        const wrong: string[] = [];
        const ordered = (got: readonly unknown[], among: readonly unknown[], what: string) => {
          const inOrder = among.filter((t) => got.includes(t));
          if (inOrder.length !== got.length || inOrder.some((t, i) => t !== got[i])) wrong.push(`${what}: not a subsequence of the list asked about`);
        };
        for (const p of view.actors) {
          const assumable = view.assumable(p);
          ordered(assumable, view.roles, `assumable(${p.arn})`);
          for (const role of view.roles) {
            if (view.assume(p, role).decision === 'deny') continue;
            seen.assumed++;
            if (!assumable.includes(role)) wrong.push(`${p.arn} may assume ${role.arn}, left out`);
          }
          for (const action of ['iam:PassRole', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:CreateAccessKey', 'iam:AddUserToGroup', 'sts:AssumeRole']) {
            const context = action === 'iam:PassRole' ? { 'iam:PassedToService': ['lambda.amazonaws.com'] } : undefined;
            for (const among of [view.actors, view.roles, view.users, view.groups, assumable]) {
              const got = view.mayActOn(p, action, among);
              ordered(got, among, `mayActOn(${p.arn}, ${action})`);
              for (const t of among) {
                if (view.can(p, action, t.arn, context).decision === 'deny') continue;
                seen.acted++;
                if (!got.includes(t)) wrong.push(`${p.arn} may ${action} on ${t.arn}, left out`);
              }
            }
          }
          const buckets = new Resources(BUCKETS);
          for (const action of ['s3:GetObject', 's3:ListBucket']) {
            const got = view.mayAllowOn(p, action, buckets);
            BUCKETS.forEach((b, i) => {
              if (view.can(p, action, b).decision !== 'deny' && !got.includes(i)) wrong.push(`${p.arn} may ${action} on ${b}, left out`);
            });
          }
        }
        expect(wrong, JSON.stringify(spec)).toEqual([]);
      }),
      { numRuns: 200, seed: 2026 },
    );
    // The random exports must exercise the indexes, not deny everything.
    expect(seen.assumed).toBeGreaterThan(200);
    expect(seen.acted).toBeGreaterThan(1000);
  });
});
