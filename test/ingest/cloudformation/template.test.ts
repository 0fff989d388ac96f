/**
 * CloudFormation templates into the IAM model: parameters, pseudo parameters, conditions,
 * each AWS::IAM type, and the OIDC join on a template shaped like aws-actions'
 * federated-setup example (RepositoryName and BranchName default to "*").
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/graph/build.js';
import { loadModel, type LoadOptions } from '../../../src/ingest/index.js';
import type { Model } from '../../../src/model/model.js';
import { problemsOf } from '../../helpers/load-yaml.js';

const tmp = mkdtempSync(join(tmpdir(), 'lateral-cfn-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

function load(files: Record<string, string>, options: LoadOptions = {}): Model {
  const dir = join(tmp, String(n++));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return loadModel([dir], options);
}

function edges(m: Model, from: string, to: string): string[] {
  const { graph } = buildGraph(m, { at: '2026-12-04' });
  if (!graph.hasNode(from) || !graph.hasNode(to)) return [];
  return [...new Set(graph.outEdges(from).filter((e) => graph.target(e) === to).map((e) => `${graph.getEdgeAttribute(e, 'kind')} ${graph.getEdgeAttribute(e, 'decisions')[0]!.decision}`))].sort();
}

const A = '111122223333';
const opts = (parameters: Record<string, string> = {}): LoadOptions => ({ iac: { account: A, parameters } });

const FEDERATED = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  GitHubOrganization:
    Type: String
  RepositoryName:
    Type: String
    Default: "*"
  BranchName:
    Type: String
    Default: "*"
  RoleName:
    Type: String
  UseExistingProvider:
    Type: String
    Default: "no"
    AllowedValues: ["yes", "no"]
Conditions:
  CreateProvider: !Equals ["no", !Ref UseExistingProvider]
Resources:
  IdpGitHubOidc:
    Type: AWS::IAM::OIDCProvider
    Condition: CreateProvider
    Properties:
      Url: https://token.actions.githubusercontent.com
      ClientIdList: [sts.amazonaws.com]
  RoleGithubActions:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref RoleName
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !If
                - CreateProvider
                - !Ref IdpGitHubOidc
                - !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com
            Condition:
              StringLike:
                token.actions.githubusercontent.com:sub: !Sub repo:\${GitHubOrganization}/\${RepositoryName}:ref:refs/heads/\${BranchName}
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
`;
const ROLE = `arn:aws:iam::${A}:role/gha-deploy`;
const workflow = (branch: string) => `on:\n  push:\n    branches: [${branch}]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: echo deploy\n`;
const estate = {
  'template.yml': FEDERATED,
  'octo-org__app/.github/workflows/main.yml': workflow('main'),
  'octo-org__app/.github/workflows/dev.yml': workflow('develop'),
  'octo-org__other/.github/workflows/main.yml': workflow('main'),
};
const assumers = (m: Model) => {
  const { graph } = buildGraph(m, { at: '2026-12-04' });
  return graph.hasNode(ROLE) ? [...new Set(graph.inEdges(ROLE).filter((e) => graph.getEdgeAttribute(e, 'kind') === 'assume').map((e) => `${graph.source(e)} ${graph.getEdgeAttribute(e, 'decisions')[0]!.decision}`))].sort() : [];
};

describe('cloudformation: the federated-setup template', () => {
  it('with its defaults (any repository, any branch) every workflow of the organisation reaches the AdministratorAccess role', () => {
    const m = load(estate, opts({ GitHubOrganization: 'octo-org', RoleName: 'gha-deploy' }));
    const role = m.aws.principals.find((p) => p.arn === ROLE)!;
    expect(role.attached).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(role.trust?.statements[0]).toMatchObject({ principal: { Federated: [`arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`] }, condition: { StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:octo-org/*:ref:refs/heads/*'] } } });
    expect(assumers(m)).toEqual([
      'pipeline:octo-org/app/dev.yml allow',
      'pipeline:octo-org/app/main.yml allow',
      'pipeline:octo-org/app@writer-branch allow',
      'pipeline:octo-org/other/main.yml allow',
      'pipeline:octo-org/other@writer-branch allow',
    ]);
    expect(edges(m, ROLE, `arn:aws:iam::${A}:root`)).toEqual(['escalate allow']);
  });

  it('narrowed to one repository and main, only that repository\'s main-branch workflow reaches it', () => {
    const m = load(estate, opts({ GitHubOrganization: 'octo-org', RoleName: 'gha-deploy', RepositoryName: 'app', BranchName: 'main' }));
    expect(assumers(m)).toEqual(['pipeline:octo-org/app/main.yml allow']);
  });

  it('UseExistingProvider=yes takes the !Sub branch: the same provider ARN in the account', () => {
    const m = load({ 'template.yml': FEDERATED }, opts({ GitHubOrganization: 'o', RoleName: 'r', UseExistingProvider: 'yes' }));
    expect(m.aws.principals[0]?.trust?.statements[0]?.principal).toEqual({ Federated: [`arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`] });
  });

  it('a parameter with no Default and no --cfn-param, and a value outside AllowedValues, are errors at the parameter', () => {
    const p = problemsOf({ 'template.yml': FEDERATED }, opts({ RoleName: 'r', UseExistingProvider: 'maybe' }));
    expect(p.filter((l) => l.startsWith('template.yml'))).toEqual([
      'template.yml:4: Parameters.GitHubOrganization: parameter GitHubOrganization has no Default: give --cfn-param GitHubOrganization=VALUE',
      'template.yml:14: Parameters.UseExistingProvider: parameter UseExistingProvider is "maybe", not one of its AllowedValues yes, no',
    ]);
  });
});

const resources = (body: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${body}`;
const byArn = (m: Model, arn: string) => m.aws.principals.find((p) => p.arn === arn);

describe('cloudformation: IAM resource types', () => {
  const t = resources(`  Ops:
    Type: AWS::IAM::Group
    Properties:
      GroupName: ops
      Policies:
        - PolicyName: read
          PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::logs/*" }] }
  Bob:
    Type: AWS::IAM::User
    Properties:
      UserName: bob
      Path: /people/
      Groups: [!Ref Ops]
      PermissionsBoundary: !Ref Boundary
      Tags: [{ Key: owner, Value: team-a }]
  Carol:
    Type: AWS::IAM::User
    Properties:
      UserName: carol
  Join:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Ops
      Users: [!Ref Carol]
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: boundary
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Path: /app/
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: sqs:*, Resource: "*" }] }
      Roles: [!Ref App]
      Users: [!Ref Bob]
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: sns:Publish, Resource: "*" }] }
      Roles: [!Ref App]
  RolePolicy:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref App
      PolicyName: kms
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: kms:Decrypt, Resource: "*" }] }
  App:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: !GetAtt Bob.Arn }, Action: sts:AssumeRole }] }
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref App]
`);

  it('users, groups, memberships, managed and inline policies, boundaries and instance profiles', () => {
    const m = load({ 't.yml': t }, opts());
    const bob = byArn(m, `arn:aws:iam::${A}:user/people/bob`)!;
    expect([bob.groups, bob.attached, bob.boundary]).toEqual([[`arn:aws:iam::${A}:group/ops`], [`arn:aws:iam::${A}:policy/app/Shared`], `arn:aws:iam::${A}:policy/boundary`]);
    expect(m.identities.find((i) => i.id === bob.arn)?.owner).toBe('team-a');
    expect(byArn(m, `arn:aws:iam::${A}:user/carol`)?.groups).toEqual([`arn:aws:iam::${A}:group/ops`]);
    expect(byArn(m, `arn:aws:iam::${A}:group/ops`)?.inline.map((i) => i.id)).toEqual([`arn:aws:iam::${A}:group/ops#inline:read`]);
    // No RoleName: the deploy names it; its logical id stands in, and a note says so.
    const app = byArn(m, `arn:aws:iam::${A}:role/App`)!;
    expect([app.attached, app.inline.map((i) => i.id.split('#')[1]), app.instanceProfiles]).toEqual([[`arn:aws:iam::${A}:policy/app/Shared`], ['inline:extra', 'inline:kms'], [`arn:aws:iam::${A}:instance-profile/Profile`]]);
    expect(m.aws.notes.map((x) => x.why)).toEqual([
      'Shared: its policy name is chosen at apply: shown as Shared',
      'App: its role name is chosen at apply: shown as App',
      'Profile: its instance profile name is chosen at apply: shown as Profile',
    ]);
    expect(edges(m, bob.arn, app.arn)).toEqual(['assume allow']);
  });

  it('reads a JSON template the same way', () => {
    const json = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { U: { Type: 'AWS::IAM::User', Properties: { UserName: 'u', ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' }] } } } });
    const m = load({ 't.json': json }, opts());
    expect(byArn(m, `arn:aws:iam::${A}:user/u`)?.attached).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
  });

  it('a resource whose condition is false is not created; one under an undecidable condition is trusted only conditionally', () => {
    const cond = `AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  Never: !Equals [a, b]
  IsProd: !Equals [!Ref AWS::StackName, prod]
Resources:
  U:
    Type: AWS::IAM::User
    Properties: { UserName: u }
  Gone:
    Type: AWS::IAM::Role
    Condition: Never
    Properties: { RoleName: gone, AssumeRolePolicyDocument: { Statement: [] } }
  Maybe:
    Type: AWS::IAM::Role
    Condition: IsProd
    Properties:
      RoleName: maybe
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: !GetAtt U.Arn }, Action: sts:AssumeRole }] }
`;
    const m = load({ 't.yml': cond }, opts());
    expect(m.aws.principals.map((p) => p.name).sort()).toEqual(['maybe', 'u']);
    expect(edges(m, `arn:aws:iam::${A}:user/u`, `arn:aws:iam::${A}:role/maybe`)).toEqual(['assume conditional']);
  });

  it('a policy holding an import known only at deploy grants conditionally, and says which value', () => {
    const imp = resources(`  U:
    Type: AWS::IAM::User
    Properties:
      UserName: u
      Policies:
        - PolicyName: p
          PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: !ImportValue SharedBucketArn }] }
`);
    const m = load({ 't.yml': imp }, opts());
    expect(edges(m, `arn:aws:iam::${A}:user/u`, `arn:aws:iam::${A}:root`)).toEqual(['escalate conditional']);
    expect(m.aws.notes.map((x) => x.why)).toEqual(['U: inline policy p is unknown until apply: the decisions it takes part in are conditional']);
  });

  it('a ManagedPolicyArns list a deploy decides as a whole is one unknown policy, granting conditionally', () => {
    const t = `AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  IsProd: !Equals [!Ref AWS::StackName, prod]
Resources:
  U:
    Type: AWS::IAM::User
    Properties:
      UserName: u
      ManagedPolicyArns: !If [IsProd, [arn:aws:iam::aws:policy/ReadOnlyAccess], [arn:aws:iam::aws:policy/AdministratorAccess]]
`;
    const m = load({ 't.yml': t }, opts());
    expect(edges(m, `arn:aws:iam::${A}:user/u`, `arn:aws:iam::${A}:root`)).toEqual(['escalate conditional']);
    expect(m.aws.notes.map((x) => x.kind)).toEqual(['iac-unknown']);
  });

  it('--region and --account fill AWS::Region and AWS::AccountId', () => {
    const sub = resources(`  U:\n    Type: AWS::IAM::User\n    Properties:\n      UserName: !Sub "u-\${AWS::Region}-\${AWS::AccountId}"\n`);
    expect(load({ 't.yml': sub }, { iac: { account: '444455556666', region: 'eu-west-1', parameters: {} } }).aws.principals[0]?.arn).toBe('arn:aws:iam::444455556666:user/u-eu-west-1-444455556666');
  });

  it('a malformed intrinsic is an error at its line', () => {
    const bad = resources(`  U:\n    Type: AWS::IAM::User\n    Properties:\n      UserName: !Select [5, [a, b]]\n`);
    expect(problemsOf({ 't.yml': bad }, opts())).toEqual(['t.yml:6: Resources.U.Properties.UserName.Fn::Select[0]: Fn::Select index 5 is out of range for a list of 2']);
  });
});
