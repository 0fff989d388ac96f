/**
 * CloudFormation's YAML short forms read as the long forms, nodes kept for line lookups, and a
 * GitHub OIDC role template (short forms throughout) evaluated end to end.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { resolve, Unknown, type TemplateScope } from '../../../src/ingest/cloudformation/intrinsics.js';
import { CFN_TAGS } from '../../../src/ingest/cloudformation/yaml-tags.js';

function parse(text: string, lineCounter?: LineCounter): Document.Parsed {
  const docs = parseAllDocuments(text, { customTags: CFN_TAGS, ...(lineCounter ? { lineCounter } : {}) });
  if (!Array.isArray(docs) || docs.length !== 1) throw new Error('expected one document');
  const doc = docs[0]!;
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  return doc;
}

const value = (text: string): unknown => (parse(`v: ${text}\n`).toJS() as { v: unknown }).v;

const FN = ['Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'Base64', 'GetAZs', 'ImportValue', 'Cidr', 'Length', 'ToJsonString'];

describe('CFN_TAGS', () => {
  it('reads !Ref and !Condition as Ref and Condition', () => {
    expect(value('!Ref MyBucket')).toEqual({ Ref: 'MyBucket' });
    expect(value('!Ref AWS::Region')).toEqual({ Ref: 'AWS::Region' });
    expect(value('!Condition IsProd')).toEqual({ Condition: 'IsProd' });
  });

  it('reads !GetAtt Res.Attr split at the first dot, and the list form as it is', () => {
    expect(value('!GetAtt MyRole.Arn')).toEqual({ 'Fn::GetAtt': ['MyRole', 'Arn'] });
    expect(value('!GetAtt MyDB.Endpoint.Address')).toEqual({ 'Fn::GetAtt': ['MyDB', 'Endpoint.Address'] });
    expect(value('!GetAtt [MyRole, Arn]')).toEqual({ 'Fn::GetAtt': ['MyRole', 'Arn'] });
    expect(value('!GetAtt MyRole')).toEqual({ 'Fn::GetAtt': 'MyRole' });
  });

  it.each(FN)('reads !%s on a scalar, a sequence and a mapping as Fn::%s', (name) => {
    expect(value(`!${name} x`)).toEqual({ [`Fn::${name}`]: 'x' });
    expect(value(`!${name} [a, 1]`)).toEqual({ [`Fn::${name}`]: ['a', 1] });
    expect(value(`!${name} {k: v}`)).toEqual({ [`Fn::${name}`]: { k: 'v' } });
  });

  it('reads a tagged scalar as text, whatever it looks like', () => {
    expect(value('!Ref 123')).toEqual({ Ref: '123' });
    expect(value("!Sub 'a-${B}'")).toEqual({ 'Fn::Sub': 'a-${B}' });
    expect(value("!GetAZs ''")).toEqual({ 'Fn::GetAZs': '' });
    expect(value('!GetAZs')).toEqual({ 'Fn::GetAZs': '' });
  });

  it('reads nested short forms', () => {
    expect(value("!Sub ['a-${x}', {x: !Ref Y}]")).toEqual({ 'Fn::Sub': ['a-${x}', { x: { Ref: 'Y' } }] });
    expect(value("!Join ['', [a, !Ref B]]")).toEqual({ 'Fn::Join': ['', ['a', { Ref: 'B' }]] });
    expect(value('!Select [2, !Split [",", !ImportValue AccountSubnetIDs]]')).toEqual({
      'Fn::Select': [2, { 'Fn::Split': [',', { 'Fn::ImportValue': 'AccountSubnetIDs' }] }],
    });
    expect(value('!And [!Equals [sg-mysggroup, !Ref ASecurityGroup], !Condition SomeOtherCondition]')).toEqual({
      'Fn::And': [{ 'Fn::Equals': ['sg-mysggroup', { Ref: 'ASecurityGroup' }] }, { Condition: 'SomeOtherCondition' }],
    });
    expect(value('!Base64\n  Fn::Sub: |\n    #!/bin/bash\n    echo ${Env}\n')).toEqual({ 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\necho ${Env}\n' } });
  });

  it('reads block sequences and mappings under a tag', () => {
    const text = 'v: !If\n  - IsProd\n  - !FindInMap\n    - Sizes\n    - !Ref AWS::Region\n    - Big\n  - !Ref AWS::NoValue\nw: !ToJsonString\n  a: !Ref B\n';
    expect(parse(text).toJS()).toEqual({
      v: { 'Fn::If': ['IsProd', { 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'Big'] }, { Ref: 'AWS::NoValue' }] },
      w: { 'Fn::ToJsonString': { a: { Ref: 'B' } } },
    });
  });
});

const TEMPLATE = `Parameters:
  UseExistingProvider: {Type: String, Default: "no"}
Conditions:
  CreateProvider: !Equals ["no", !Ref UseExistingProvider]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Principal:
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

const PROVIDER_ARN = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

interface Template {
  Conditions: Record<string, unknown>;
  Resources: { Role: { Properties: unknown } };
}

function templateScope(template: Template, useExisting: string, pseudo: Record<string, string>): TemplateScope {
  return {
    parameters: { UseExistingProvider: useExisting, GitHubOrganization: 'aws-actions', RepositoryName: '*', BranchName: '*' },
    pseudo,
    conditions: template.Conditions,
    mappings: {},
    ref: (id) => (id === 'IdpGitHubOidc' ? PROVIDER_ARN : id === 'Role' ? 'github-role' : undefined),
    getAtt: () => undefined,
  };
}

describe('a GitHub OIDC role template in short forms', () => {
  const lines = new LineCounter();
  const doc = parse(TEMPLATE, lines);
  const template = doc.toJS() as Template;
  const pseudo = { 'AWS::Partition': 'aws', 'AWS::AccountId': '123456789012' };

  it('reads as the long forms', () => {
    expect(template.Conditions).toEqual({ CreateProvider: { 'Fn::Equals': ['no', { Ref: 'UseExistingProvider' }] } });
    expect(template.Resources.Role.Properties).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Principal: {
              Federated: {
                'Fn::If': [
                  'CreateProvider',
                  { Ref: 'IdpGitHubOidc' },
                  { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com' },
                ],
              },
            },
            Condition: {
              StringLike: { 'token.actions.githubusercontent.com:sub': { 'Fn::Sub': 'repo:${GitHubOrganization}/${RepositoryName}:ref:refs/heads/${BranchName}' } },
            },
          },
        ],
      },
      ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' }],
    });
  });

  it('resolves with the provider the template creates', () => {
    expect(resolve(template.Resources.Role.Properties, templateScope(template, 'no', pseudo))).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Principal: { Federated: PROVIDER_ARN },
            Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:aws-actions/*:ref:refs/heads/*' } },
          },
        ],
      },
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
  });

  it('resolves with an existing provider, and leaves it unknown without the account id', () => {
    const existing = resolve(template.Resources.Role.Properties, templateScope(template, 'yes', pseudo));
    expect(existing).toMatchObject({ AssumeRolePolicyDocument: { Statement: [{ Principal: { Federated: PROVIDER_ARN } }] } });
    const noAccount = resolve(template.Resources.Role.Properties, templateScope(template, 'yes', { 'AWS::Partition': 'aws' }));
    expect(noAccount).toMatchObject({
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Federated: new Unknown('Fn::Sub ${AWS::AccountId}: AWS::AccountId (known only at deploy)') } }] },
    });
  });

  it('keeps nodes with ranges, so paths still give lines', () => {
    const lineOf = (path: (string | number)[]) => {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      if (!node?.range) throw new Error(`no node at ${path.join('.')}`);
      return lines.linePos(node.range[0]).line;
    };
    expect(lineOf(['Resources', 'Role', 'Properties'])).toBe(9);
    const federated = ['Resources', 'Role', 'Properties', 'AssumeRolePolicyDocument', 'Statement', 0, 'Principal', 'Federated'];
    expect(lineOf(federated)).toBe(13);
    expect(lineOf([...federated, 'Fn::If', 1])).toBe(14);
    expect(lineOf([...federated, 'Fn::If', 2])).toBe(15);
    expect(lineOf(['Resources', 'Role', 'Properties', 'ManagedPolicyArns', 0])).toBe(20);
  });
});
