/**
 * Terraform plans and states (`terraform show -json`, HashiCorp's JSON output format) into
 * the IAM model: the AWS provider's IAM resources, values unknown until apply, module
 * addresses, and what the plan changes in an export given beside it.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/graph/build.js';
import type { LoadOptions } from '../../../src/ingest/index.js';
import type { Model } from '../../../src/model/model.js';
import { allow, exportOf, trusts } from '../../helpers/aws-export.js';
import { loadYaml, problemsOf } from '../../helpers/load-yaml.js';
import { planOf, policyJson, stateOf, TF_ACCOUNT, type Change } from '../../helpers/tf-plan.js';

const A = TF_ACCOUNT;
const ROLE = `arn:aws:iam::${A}:role/deploy`;
const ALICE = `arn:aws:iam::${A}:user/alice`;
const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const ROOT = `arn:aws:iam::${A}:root`;
const trustAlice = policyJson(trusts({ AWS: ALICE }));
const caller: Change = { address: 'data.aws_caller_identity.current', type: 'aws_caller_identity', mode: 'data', actions: ['read'], after: { account_id: A } };
const role = (after: Record<string, unknown>, extra: Partial<Change> = {}): Change => ({ address: 'aws_iam_role.deploy', type: 'aws_iam_role', after: { name: 'deploy', path: '/', assume_role_policy: trustAlice, ...after }, afterUnknown: { arn: true, unique_id: true }, ...extra });
const alice = JSON.stringify(exportOf({ users: [{ name: 'alice' }] }));

function model(files: Record<string, string>, options: LoadOptions = {}): Model {
  return loadYaml(files, options);
}

/** The edges from → to as `kind decisions`, each distinct one once (escalation methods each make an edge). */
function edges(m: Model, from: string, to: string): string[] {
  const { graph } = buildGraph(m, { at: '2026-12-04' });
  if (!graph.hasNode(from) || !graph.hasNode(to)) return [];
  const all = graph.outEdges(from).filter((e) => graph.target(e) === to).map((e) => {
    const a = graph.getEdgeAttributes(e);
    return `${a.kind} ${[...new Set(a.decisions.map((d) => d.decision))].join(',')}`;
  });
  return [...new Set(all)].sort();
}
const notes = (m: Model) => m.aws.notes.map((n) => `${n.kind}: ${n.why.replace(/\S*lateral-yaml-[^/]+\//g, '')}`);

describe('terraform plan: IAM resources', () => {
  it('a new role with a known trust and an attachment of AdministratorAccess: its ARN follows from account, path and name', () => {
    const m = model({
      'plan.json': planOf([caller, role({}), { address: 'aws_iam_role_policy_attachment.admin', type: 'aws_iam_role_policy_attachment', after: { role: 'deploy', policy_arn: ADMIN_POLICY } }]),
      'alice.json': alice,
    });
    const r = m.aws.principals.find((p) => p.arn === ROLE)!;
    expect([r.kind, r.name, r.attached]).toEqual(['role', 'deploy', [ADMIN_POLICY]]);
    expect(edges(m, ALICE, ROLE)).toEqual(['assume allow']);
    expect(edges(m, ROLE, ROOT)).toEqual(['escalate allow']);
    expect(notes(m)).toEqual([]);
  });

  it('users, groups, memberships, inline and managed policies, every attachment kind, instance profiles and paths', () => {
    const m = model({
      'plan.json': planOf([
        caller,
        { address: 'aws_iam_user.bob', type: 'aws_iam_user', after: { name: 'bob', path: '/people/', tags: { owner: 'team-a', tier: '1' } } },
        { address: 'aws_iam_group.ops', type: 'aws_iam_group', after: { name: 'ops', path: '/' } },
        { address: 'aws_iam_group_membership.ops', type: 'aws_iam_group_membership', after: { name: 'ops', group: 'ops', users: ['bob'] } },
        { address: 'aws_iam_group_policy.ops', type: 'aws_iam_group_policy', after: { group: 'ops', name: 'read', policy: policyJson(allow('s3:GetObject', 'arn:aws:s3:::logs/*')) } },
        { address: 'aws_iam_policy.sqs', type: 'aws_iam_policy', after: { name: 'sqs', path: '/app/', arn: `arn:aws:iam::${A}:policy/app/sqs`, policy: policyJson(allow('sqs:*')) } },
        { address: 'aws_iam_user_policy_attachment.sqs', type: 'aws_iam_user_policy_attachment', after: { user: 'bob', policy_arn: `arn:aws:iam::${A}:policy/app/sqs` } },
        { address: 'aws_iam_policy_attachment.shared', type: 'aws_iam_policy_attachment', after: { name: 'shared', users: [], roles: ['deploy'], groups: ['ops'], policy_arn: `arn:aws:iam::${A}:policy/app/sqs` } },
        { address: 'aws_iam_user_policy.bob', type: 'aws_iam_user_policy', after: { user: 'bob', name: 'own', policy: policyJson(allow('sns:Publish')) } },
        role({ inline_policy: [{ name: 'kms', policy: policyJson(allow('kms:Decrypt')) }], permissions_boundary: `arn:aws:iam::${A}:policy/app/sqs` }),
        { address: 'aws_iam_role_policy.deploy', type: 'aws_iam_role_policy', after: { role: 'deploy', name: 'ssm', policy: policyJson(allow('ssm:GetParameter')) } },
        { address: 'aws_iam_instance_profile.deploy', type: 'aws_iam_instance_profile', after: { name: 'deploy', path: '/', role: 'deploy' }, afterUnknown: { arn: true } },
        { address: 'aws_iam_openid_connect_provider.github', type: 'aws_iam_openid_connect_provider', after: { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] } },
      ]),
    });
    const by = (arn: string) => m.aws.principals.find((p) => p.arn === arn)!;
    const bob = by(`arn:aws:iam::${A}:user/people/bob`);
    expect([bob.path, bob.groups, bob.attached, bob.inline.map((i) => i.id)]).toEqual(['/people/', [`arn:aws:iam::${A}:group/ops`], [`arn:aws:iam::${A}:policy/app/sqs`], [`arn:aws:iam::${A}:user/people/bob#inline:own`]]);
    expect(m.identities.find((i) => i.id === bob.arn)).toMatchObject({ owner: 'team-a', tier: 1, kind: 'aws-user' });
    const ops = by(`arn:aws:iam::${A}:group/ops`);
    expect([ops.attached, ops.inline.map((i) => i.id)]).toEqual([[`arn:aws:iam::${A}:policy/app/sqs`], [`arn:aws:iam::${A}:group/ops#inline:read`]]);
    const deploy = by(ROLE);
    expect([deploy.inline.map((i) => i.id), deploy.attached, deploy.boundary, deploy.instanceProfiles]).toEqual([
      [`${ROLE}#inline:kms`, `${ROLE}#inline:ssm`],
      [`arn:aws:iam::${A}:policy/app/sqs`],
      `arn:aws:iam::${A}:policy/app/sqs`,
      [`arn:aws:iam::${A}:instance-profile/deploy`],
    ]);
    expect(m.aws.policies.get(`arn:aws:iam::${A}:policy/app/sqs`)?.document.statements[0]?.action).toEqual(['sqs:*']);
  });

  it('reads a state (terraform show -json on state) the same way', () => {
    const m = model({ 'state.json': stateOf([{ address: 'aws_iam_role.deploy', type: 'aws_iam_role', values: { name: 'deploy', path: '/', arn: ROLE, assume_role_policy: trustAlice, managed_policy_arns: [ADMIN_POLICY] } }]), 'alice.json': alice });
    expect(edges(m, ALICE, ROLE)).toEqual(['assume allow']);
    expect(edges(m, ROLE, ROOT)).toEqual(['escalate allow']);
  });

  it('keeps module addresses: the note names module.ci.aws_iam_role.deploy', () => {
    const m = model({ 'plan.json': planOf([{ ...role({}), address: 'module.ci.aws_iam_role.deploy', afterUnknown: { arn: true, assume_role_policy: true } }]) });
    expect(notes(m)).toEqual([
      'iac-placeholder: the account of its objects is unknown (no input names it): ARNs use 000000000000; give --account',
      'iac-unknown: module.ci.aws_iam_role.deploy: its trust policy is unknown until apply: the decisions it takes part in are conditional',
    ]);
    expect(m.aws.principals.map((p) => p.arn)).toEqual(['arn:aws:iam::000000000000:role/deploy']);
  });

  it('--account gives the account a plan does not state; a known ARN in the plan states it', () => {
    expect(model({ 'plan.json': planOf([role({})]) }, { iac: { account: '444455556666' } }).aws.principals.map((p) => p.arn)).toEqual(['arn:aws:iam::444455556666:role/deploy']);
    const known = planOf([role({}), { address: 'aws_iam_user.bob', type: 'aws_iam_user', actions: ['no-op'], before: { name: 'bob', arn: 'arn:aws:iam::777788889999:user/bob' }, after: { name: 'bob', path: '/', arn: 'arn:aws:iam::777788889999:user/bob' } }]);
    expect(model({ 'plan.json': known }).aws.principals.map((p) => p.arn).sort()).toEqual(['arn:aws:iam::777788889999:role/deploy', 'arn:aws:iam::777788889999:user/bob']);
  });

  it('rejects a format_version of another major version at its line', () => {
    expect(problemsOf({ 'plan.json': planOf([], { formatVersion: '2.0' }) })[0]).toMatch(/plan\.json:1: format_version: lateral reads format_version 1\.x/);
  });
});

describe('terraform plan: unknown until apply', () => {
  it('an unknown trust trusts anyone, conditionally, naming the value', () => {
    const m = model({ 'plan.json': planOf([caller, role({}, { afterUnknown: { arn: true, assume_role_policy: true } })]), 'alice.json': alice });
    expect(edges(m, ALICE, ROLE)).toEqual(['assume conditional']);
    const { graph } = buildGraph(m, { at: '2026-12-04' });
    expect(graph.getEdgeAttributes(graph.edges(ALICE, ROLE)[0]!).decisions[0]!.reason).toContain('if aws_iam_role.deploy.assume_role_policy (unknown until apply) hold');
  });

  it('an unknown policy_arn the configuration names as this plan\'s policy attaches that policy; its unknown document grants conditionally', () => {
    const configuration = { root_module: { resources: [{ address: 'aws_iam_role_policy_attachment.p', mode: 'managed', type: 'aws_iam_role_policy_attachment', name: 'p', expressions: { role: { constant_value: 'deploy' }, policy_arn: { references: ['aws_iam_policy.p.arn', 'aws_iam_policy.p'] } } }] } };
    const m = model({
      'plan.json': planOf(
        [
          caller,
          role({}),
          { address: 'aws_iam_policy.p', type: 'aws_iam_policy', after: { name: 'p', path: '/' }, afterUnknown: { arn: true, policy: true } },
          { address: 'aws_iam_role_policy_attachment.p', type: 'aws_iam_role_policy_attachment', after: { role: 'deploy' }, afterUnknown: { policy_arn: true } },
        ],
        { configuration },
      ),
    });
    expect(m.aws.principals.find((p) => p.arn === ROLE)?.attached).toEqual([`arn:aws:iam::${A}:policy/p`]);
    expect(edges(m, ROLE, ROOT)).toEqual(['escalate conditional']);
    expect(notes(m)).toEqual(['iac-unknown: aws_iam_policy.p: its policy document is unknown until apply: the decisions it takes part in are conditional']);
  });

  it('aws_iam_policy_attachment whose roles are known only after apply: the configuration names this plan\'s role', () => {
    const configuration = { root_module: { resources: [{ address: 'aws_iam_policy_attachment.admin', mode: 'managed', type: 'aws_iam_policy_attachment', name: 'admin', expressions: { roles: { references: ['aws_iam_role.deploy.name', 'aws_iam_role.deploy'] }, policy_arn: { constant_value: ADMIN_POLICY } } }] } };
    const m = model({ 'plan.json': planOf([caller, role({}), { address: 'aws_iam_policy_attachment.admin', type: 'aws_iam_policy_attachment', after: { name: 'admin', policy_arn: ADMIN_POLICY }, afterUnknown: { roles: true } }], { configuration }) });
    expect(m.aws.principals.find((p) => p.arn === ROLE)?.attached).toEqual([ADMIN_POLICY]);
  });

  it('an unknown policy_arn with no configuration to name it attaches an unknown policy', () => {
    const m = model({ 'plan.json': planOf([caller, role({}), { address: 'aws_iam_role_policy_attachment.p', type: 'aws_iam_role_policy_attachment', after: { role: 'deploy' }, afterUnknown: { policy_arn: true } }]) });
    expect(edges(m, ROLE, ROOT)).toEqual(['escalate conditional']);
    expect(notes(m)).toEqual(['iac-unknown: aws_iam_role_policy_attachment.p: aws_iam_role_policy_attachment.p.policy_arn is unknown until apply: the decisions it takes part in are conditional']);
  });

  it('an inline_policy or managed_policy_arns list unknown as a whole is one unknown document, not none', () => {
    for (const attr of ['inline_policy', 'managed_policy_arns']) {
      const m = model({ 'plan.json': planOf([caller, role({}, { afterUnknown: { arn: true, [attr]: true } })]) });
      expect(edges(m, ROLE, ROOT), attr).toEqual(['escalate conditional']);
      expect(notes(m), attr).toEqual([`iac-unknown: aws_iam_role.deploy: ${attr === 'inline_policy' ? 'inline policy unknown-until-apply' : 'aws_iam_role.deploy.managed_policy_arns'} is unknown until apply: the decisions it takes part in are conditional`]);
    }
  });

  it('an unknown inline policy in the role grants conditionally', () => {
    const m = model({ 'plan.json': planOf([caller, role({ inline_policy: [{ name: 'x' }] }, { afterUnknown: { arn: true, inline_policy: [{ policy: true }] } })]) });
    expect(edges(m, ROLE, ROOT)).toEqual(['escalate conditional']);
  });
});

describe('terraform plan beside an export: the pull request wins', () => {
  const exported = JSON.stringify(exportOf({ users: [{ name: 'alice' }], roles: [{ name: 'deploy', trust: [trusts({ AWS: `arn:aws:iam::${A}:user/nobody` })], attached: [ADMIN_POLICY] }] }));
  const widened = planOf([caller, role({ arn: ROLE, managed_policy_arns: [ADMIN_POLICY] }, { actions: ['update'], afterUnknown: {} })]);

  for (const [plan, exp] of [['a-plan.json', 'b-export.json'], ['b-plan.json', 'a-export.json']] as const) {
    it(`a role the plan declares replaces the export's, whatever the reading order (${plan}, ${exp})`, () => {
      const m = model({ [plan]: widened, [exp]: exported });
      expect(edges(m, ALICE, ROLE)).toEqual(['assume allow']);
      expect(m.aws.principals.filter((p) => p.arn === ROLE)).toHaveLength(1);
      expect(notes(m).filter((n) => n.startsWith('iac-replaces'))).toEqual([expect.stringMatching(new RegExp(`^iac-replaces: ${ROLE} declared in .*plan.json \\(aws_iam_role.deploy\\) replaces the export's in .*export.json$`))]);
    });
  }

  it('the export alone, and --plan-side before (the prior state), keep the narrow trust', () => {
    expect(edges(model({ 'export.json': exported }), ALICE, ROLE)).toEqual([]);
    const prior = planOf([role({ arn: ROLE }, { actions: ['update'], afterUnknown: {} })], { prior: [{ address: 'aws_iam_role.deploy', type: 'aws_iam_role', values: { name: 'deploy', path: '/', arn: ROLE, assume_role_policy: policyJson(trusts({ AWS: `arn:aws:iam::${A}:user/nobody` })) } }] });
    expect(edges(model({ 'plan.json': prior, 'alice.json': alice }, { iac: { planSide: 'before' } }), ALICE, ROLE)).toEqual([]);
    expect(edges(model({ 'plan.json': prior, 'alice.json': alice }), ALICE, ROLE)).toEqual(['assume allow']);
  });

  it('an attachment to the export\'s role changes that role, and says so', () => {
    const m = model({ 'plan.json': planOf([caller, { address: 'aws_iam_user_policy_attachment.a', type: 'aws_iam_user_policy_attachment', after: { user: 'alice', policy_arn: ADMIN_POLICY } }]), 'export.json': exported });
    expect(edges(m, ALICE, ROOT)).toEqual(['escalate allow']);
    expect(notes(m)).toEqual([expect.stringMatching(/^iac-changes: aws_iam_user_policy_attachment.a in .*plan.json attaches arn:aws:iam::aws:policy\/AdministratorAccess to the export's arn:aws:iam::111122223333:user\/alice$/)]);
  });

  it('a deleted attachment detaches the policy from the export\'s role; a deleted role leaves the model', () => {
    const detach = planOf([caller, { address: 'aws_iam_role_policy_attachment.a', type: 'aws_iam_role_policy_attachment', actions: ['delete'], before: { role: 'deploy', policy_arn: ADMIN_POLICY } }]);
    expect(model({ 'plan.json': detach, 'export.json': exported }).aws.principals.find((p) => p.arn === ROLE)?.attached).toEqual([]);
    const gone = planOf([caller, { address: 'aws_iam_role.deploy', type: 'aws_iam_role', actions: ['delete'], before: { name: 'deploy', arn: ROLE } }]);
    const m = model({ 'plan.json': gone, 'export.json': exported });
    expect(m.aws.principals.map((p) => p.arn)).toEqual([ALICE]);
    expect(notes(m)).toEqual([expect.stringMatching(/^iac-deletes: arn:aws:iam::111122223333:role\/deploy is deleted by .*plan.json \(aws_iam_role.deploy\): the export's in .*export.json is left out$/)]);
  });

  it('an attachment to a principal no input holds is noted, not evaluated', () => {
    const m = model({ 'plan.json': planOf([caller, { address: 'aws_iam_role_policy_attachment.a', type: 'aws_iam_role_policy_attachment', after: { role: 'ghost', policy_arn: ADMIN_POLICY } }]) });
    expect(notes(m)).toEqual(['iac-dangling: aws_iam_role_policy_attachment.a: role ghost is in no input (account 111122223333): not evaluated']);
  });
});
