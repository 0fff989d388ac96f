/**
 * One test per escalation method: the method works, and each thing that must stop it does —
 * an explicit Deny, a permissions boundary, the wrong resource, a missing iam:PassRole or a
 * role that does not trust the service. Reach is checked on the built graph, as `simulate`
 * and probes see it.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, allow, arn, deny, reaches, trusts, type ExportSpec, type RoleSpec } from '../helpers/aws-export.js';

const ME = arn('user', 'attacker');
const ADMIN_ROLE: RoleSpec = { name: 'admin', trust: [trusts({ Service: 'lambda.amazonaws.com' })], attached: ['arn:aws:iam::aws:policy/AdministratorAccess'] };
const attacker = (statements: Record<string, unknown>[], extra: Partial<NonNullable<ExportSpec['users']>[number]> = {}): NonNullable<ExportSpec['users']>[number] => ({ name: 'attacker', statements, ...extra });
const tight = { name: 'tight', versions: [{ id: 'v1', statements: [allow('s3:GetObject')] }] };

describe('self-escalation to administrator', () => {
  it.each([
    ['iam:PutUserPolicy', ME],
    ['iam:AttachUserPolicy', ME],
  ])('%s on itself', (action, resource) => {
    expect(reaches({ users: [attacker([allow(action, resource)])] }, ME, ADMIN)).toBe(true);
    expect(reaches({ users: [attacker([allow(action, resource), deny(action)])] }, ME, ADMIN)).toBe(false);
    expect(reaches({ users: [attacker([allow(action, arn('user', 'someone-else'))])] }, ME, ADMIN)).toBe(false);
    expect(reaches({ users: [attacker([allow(action, resource)], { boundary: arn('policy', 'tight') })], policies: [tight] }, ME, ADMIN)).toBe(false);
  });

  it.each(['iam:AttachGroupPolicy', 'iam:PutGroupPolicy'])('%s on its own group', (action) => {
    const spec = (resource: string): ExportSpec => ({ users: [attacker([allow(action, resource)], { groups: ['team'] })], groups: [{ name: 'team' }] });
    expect(reaches(spec(arn('group', 'team')), ME, ADMIN)).toBe(true);
    expect(reaches(spec(arn('group', 'other')), ME, ADMIN)).toBe(false);
  });

  it.each(['iam:AttachRolePolicy', 'iam:PutRolePolicy'])('%s on itself (a role) or on a role it can assume', (action) => {
    const self = arn('role', 'self');
    expect(reaches({ roles: [{ name: 'self', trust: [], statements: [allow(action, self)] }] }, self, ADMIN)).toBe(true);
    const viaRole = (trust: Record<string, unknown>[]): ExportSpec => ({ users: [attacker([allow(action, arn('role', 'ops'))])], roles: [{ name: 'ops', trust }] });
    expect(reaches(viaRole([trusts({ AWS: ME })]), ME, ADMIN)).toBe(true);
    expect(reaches(viaRole([trusts({ AWS: arn('user', 'nobody') })]), ME, ADMIN)).toBe(false);
  });

  it('iam:CreatePolicyVersion on a customer policy attached to it; never on AWS-managed policies', () => {
    const spec = (resource: string, attached = arn('policy', 'mine')): ExportSpec => ({ users: [attacker([], { attached: [attached] })], policies: [{ name: 'mine', versions: [{ id: 'v1', statements: [allow('iam:CreatePolicyVersion', resource)] }] }] });
    expect(reaches(spec(arn('policy', 'mi*')), ME, ADMIN)).toBe(true);
    expect(reaches(spec('arn:aws:iam::aws:policy/*'), ME, ADMIN)).toBe(false);
    expect(reaches({ ...spec('*'), users: [attacker([deny('iam:CreatePolicyVersion')], { attached: [arn('policy', 'mine')] })] }, ME, ADMIN)).toBe(false);
  });

  it('iam:SetDefaultPolicyVersion needs a stored version that is broader', () => {
    const spec = (old: Record<string, unknown>[]): ExportSpec => ({
      users: [attacker([], { attached: [arn('policy', 'p')] })],
      policies: [{ name: 'p', versions: [{ id: 'v2', statements: [allow(['iam:SetDefaultPolicyVersion', 'iam:List*'])], isDefault: true }, { id: 'v1', statements: old, isDefault: false }] }],
    });
    expect(reaches(spec([allow('*')]), ME, ADMIN)).toBe(true);
    expect(reaches(spec([allow('s3:*')]), ME, ADMIN)).toBe(false);
  });

  it('iam:CreateRole with Attach/PutRolePolicy', () => {
    expect(reaches({ users: [attacker([allow(['iam:CreateRole', 'iam:AttachRolePolicy'])])] }, ME, ADMIN)).toBe(true);
    expect(reaches({ users: [attacker([allow('iam:CreateRole')])] }, ME, ADMIN)).toBe(false);
  });
});

describe('acting as another principal', () => {
  const victim = { name: 'victim', statements: [allow('*')] };
  it.each([
    ['iam:CreateAccessKey', 'allow'],
    ['iam:CreateLoginProfile', 'conditional'],
    ['iam:UpdateLoginProfile', 'conditional'],
  ])('%s on another user', (action) => {
    expect(reaches({ users: [attacker([allow(action, arn('user', 'victim'))]), victim] }, ME, arn('user', 'victim'))).toBe(true);
    expect(reaches({ users: [attacker([allow(action, arn('user', 'victim')), deny(action, arn('user', 'victim'))]), victim] }, ME, arn('user', 'victim'))).toBe(false);
    expect(reaches({ users: [attacker([allow(action, arn('user', 'someone'))]), victim] }, ME, arn('user', 'victim'))).toBe(false);
  });

  it('never across accounts: IAM writes act on the caller’s own account', () => {
    const elsewhere = { name: 'victim', account: '444455556666', statements: [allow('*')] };
    expect(reaches({ users: [attacker([allow('iam:CreateAccessKey')]), elsewhere] }, ME, arn('user', 'victim', '444455556666'))).toBe(false);
  });

  it('iam:AddUserToGroup joins a group and acts with its permissions', () => {
    const spec = (resource: string): ExportSpec => ({ users: [attacker([allow('iam:AddUserToGroup', resource)])], groups: [{ name: 'admins', statements: [allow('*')] }] });
    expect(reaches(spec(arn('group', 'admins')), ME, ADMIN)).toBe(true);
    expect(reaches(spec(arn('group', 'readers')), ME, ADMIN)).toBe(false);
  });

  it('iam:UpdateAssumeRolePolicy rewrites a trust and assumes the role', () => {
    const spec = (statements: Record<string, unknown>[]): ExportSpec => ({ users: [attacker(statements)], roles: [ADMIN_ROLE] });
    expect(reaches(spec([allow('iam:UpdateAssumeRolePolicy', arn('role', 'admin'))]), ME, arn('role', 'admin'))).toBe(true);
    expect(reaches(spec([allow('iam:UpdateAssumeRolePolicy', arn('role', 'admin')), deny('sts:AssumeRole')]), ME, arn('role', 'admin'))).toBe(false);
    expect(reaches(spec([allow('iam:UpdateAssumeRolePolicy', arn('role', 'other'))]), ME, arn('role', 'admin'))).toBe(false);
  });
});

describe('iam:PassRole to a service', () => {
  const cases: [string, string, string[]][] = [
    ['EC2', 'ec2.amazonaws.com', ['ec2:RunInstances']],
    ['Lambda with invoke', 'lambda.amazonaws.com', ['lambda:CreateFunction', 'lambda:InvokeFunction']],
    ['Lambda with an event source', 'lambda.amazonaws.com', ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping']],
    ['Glue dev endpoint', 'glue.amazonaws.com', ['glue:CreateDevEndpoint']],
    ['CloudFormation', 'cloudformation.amazonaws.com', ['cloudformation:CreateStack']],
    ['Data Pipeline', 'datapipeline.amazonaws.com', ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline']],
    ['ECS', 'ecs-tasks.amazonaws.com', ['ecs:RegisterTaskDefinition', 'ecs:RunTask']],
    ['SageMaker training job', 'sagemaker.amazonaws.com', ['sagemaker:CreateTrainingJob']],
    ['CodeBuild', 'codebuild.amazonaws.com', ['codebuild:CreateProject', 'codebuild:StartBuild']],
  ];
  const role = (service: string): RoleSpec => ({ name: 'worker', trust: [trusts({ Service: service })], statements: [allow('*')], instanceProfile: true });
  const WORKER = arn('role', 'worker');

  it.each(cases)('%s', (_name, service, actions) => {
    const spec = (statements: Record<string, unknown>[], trustService = service): ExportSpec => ({ users: [attacker(statements)], roles: [role(trustService)] });
    expect(reaches(spec([allow([...actions, 'iam:PassRole'])]), ME, WORKER)).toBe(true);
    // missing PassRole
    expect(reaches(spec([allow(actions)]), ME, WORKER)).toBe(false);
    // PassRole on another role only
    expect(reaches(spec([allow(actions), allow('iam:PassRole', arn('role', 'other'))]), ME, WORKER)).toBe(false);
    // the first service action missing
    expect(reaches(spec([allow([...actions.slice(1), 'iam:PassRole'])]), ME, WORKER)).toBe(false);
    // explicit Deny of the service actions
    expect(reaches(spec([allow([...actions, 'iam:PassRole']), deny(actions)]), ME, WORKER)).toBe(false);
    // explicit Deny of PassRole on the role
    expect(reaches(spec([allow([...actions, 'iam:PassRole']), deny('iam:PassRole', WORKER)]), ME, WORKER)).toBe(false);
    // the role does not trust the service
    expect(reaches(spec([allow([...actions, 'iam:PassRole'])], 'nobody.amazonaws.com'), ME, WORKER)).toBe(false);
    // a boundary without the service action
    expect(reaches({ ...spec([allow([...actions, 'iam:PassRole'])]), users: [attacker([allow([...actions, 'iam:PassRole'])], { boundary: arn('policy', 'tight') })], policies: [tight] }, ME, WORKER)).toBe(false);
  });

  it('SageMaker notebook: create it with the role, or open one that may exist', () => {
    const spec = (actions: string[]): ExportSpec => ({ users: [attacker([allow(actions)])], roles: [role('sagemaker.amazonaws.com')] });
    expect(reaches(spec(['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl', 'iam:PassRole']), ME, WORKER)).toBe(true);
    expect(reaches(spec(['sagemaker:CreateNotebookInstance', 'iam:PassRole']), ME, WORKER)).toBe(false);
    expect(reaches(spec(['sagemaker:CreatePresignedNotebookInstanceUrl']), ME, WORKER)).toBe(true);
  });

  it('ec2:AssociateIamInstanceProfile with PassRole onto an instance the caller runs: conditional on that instance', () => {
    const spec = (actions: string[]): ExportSpec => ({ users: [attacker([allow(actions)])], roles: [role('ec2.amazonaws.com')] });
    expect(reaches(spec(['ec2:AssociateIamInstanceProfile', 'iam:PassRole']), ME, WORKER)).toBe(true);
    expect(reaches(spec(['ec2:AssociateIamInstanceProfile']), ME, WORKER)).toBe(false);
  });

  it('iam:PassedToService conditions are decided with the service being passed to', () => {
    const spec = (svc: string): ExportSpec => ({ users: [attacker([allow('ec2:RunInstances'), allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': svc } } })])], roles: [role('ec2.amazonaws.com')] });
    expect(reaches(spec('ec2.amazonaws.com'), ME, WORKER)).toBe(true);
    expect(reaches(spec('lambda.amazonaws.com'), ME, WORKER)).toBe(false);
  });

  it.each([
    ['lambda:UpdateFunctionCode', 'lambda.amazonaws.com'],
    ['glue:UpdateDevEndpoint', 'glue.amazonaws.com'],
    ['sagemaker:CreatePresignedNotebookInstanceUrl', 'sagemaker.amazonaws.com'],
  ])('%s on compute the export does not list is conditional on it existing', (action, service) => {
    expect(reaches({ users: [attacker([allow(action)])], roles: [role(service)] }, ME, WORKER)).toBe(true);
    expect(reaches({ users: [attacker([allow(action), deny(action)])], roles: [role(service)] }, ME, WORKER)).toBe(false);
  });
});

describe('chains', () => {
  it('a three-hop assume chain reaches an administrator role', () => {
    const spec: ExportSpec = {
      users: [attacker([])],
      roles: [
        { name: 'a', trust: [trusts({ AWS: ME })] },
        { name: 'b', trust: [trusts({ AWS: arn('role', 'a') })] },
        { name: 'c', trust: [trusts({ AWS: arn('role', 'b') })], statements: [allow('*')] },
      ],
    };
    expect(reaches(spec, ME, arn('role', 'c'))).toBe(true);
    expect(reaches(spec, ME, ADMIN)).toBe(true);
    expect(reaches(spec, arn('role', 'c'), ME)).toBe(true);
    expect(reaches({ ...spec, roles: spec.roles!.map((r) => (r.name === 'b' ? { ...r, trust: [] } : r)) }, ME, arn('role', 'c'))).toBe(false);
  });

  it('an administrator reaches a role in another account that trusts its account', () => {
    const spec = (trusted: string): ExportSpec => ({ users: [attacker([allow('*')])], roles: [{ name: 'partner', account: '444455556666', trust: [trusts({ AWS: trusted })] }] });
    expect(reaches(spec(`arn:aws:iam::${'111122223333'}:root`), ME, arn('role', 'partner', '444455556666'))).toBe(true);
    expect(reaches(spec('arn:aws:iam::999988887777:root'), ME, arn('role', 'partner', '444455556666'))).toBe(false);
  });

  it('a cycle of roles that trust each other is reached whole and terminates', () => {
    const spec: ExportSpec = {
      users: [attacker([])],
      roles: [
        { name: 'x', trust: [trusts({ AWS: [ME, arn('role', 'y')] })] },
        { name: 'y', trust: [trusts({ AWS: arn('role', 'x') })] },
      ],
    };
    expect(reaches(spec, ME, arn('role', 'y'))).toBe(true);
    expect(reaches(spec, arn('role', 'y'), arn('role', 'x'))).toBe(true);
    expect(reaches(spec, ME, ADMIN)).toBe(false);
  });
});
