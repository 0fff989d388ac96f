/**
 * Differential test: our identity-policy evaluator against @cloud-copilot/iam-simulate (a
 * maintained IAM simulator; AGPL-3.0, so a devDependency used only here) on generated
 * identity policies, permissions boundaries and requests. Both must agree on allow vs deny.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IamDocument, IamStatement } from '../../../src/model/aws.js';
import { compileDocument, evaluate, type CompiledPolicySet } from '../../../src/policy/iam/index.js';

const ACCOUNT = '123456789012';
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/alice`;

/** Real actions with a resource each accepts, so the simulator's validation passes. */
const REQUESTS: [string, string][] = [
  ['s3:GetObject', 'arn:aws:s3:::bucket/data.csv'],
  ['s3:GetObject', 'arn:aws:s3:::Bucket/data.csv'],
  ['s3:PutObject', 'arn:aws:s3:::bucket/logs/a.txt'],
  ['s3:ListBucket', 'arn:aws:s3:::bucket'],
  ['s3:DeleteBucket', 'arn:aws:s3:::other'],
  ['iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/bob`],
  ['iam:PutUserPolicy', `arn:aws:iam::${ACCOUNT}:user/alice`],
  ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/admin`],
  ['dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`],
  ['sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/admin`],
];

const ACTIONS = ['*', 's3:*', 's3:Get*', 's3:GetObject', 'S3:GETOBJECT', 's3:?etObject', 's3:List*', 'iam:*', 'iam:Create*', 'iam:PutUserPolicy', 'iam:PassRole', 'dynamodb:*', 'sts:AssumeRole', 'ec2:RunInstances'];
const RESOURCES = ['*', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', 'arn:aws:s3:::buck?t/*', 'arn:aws:s3:::*', 'arn:aws:s3:::bucket/logs/*', `arn:aws:iam::${ACCOUNT}:user/*`, `arn:aws:iam::${ACCOUNT}:role/admin`, `arn:aws:iam::${ACCOUNT}:*`, `arn:aws:dynamodb:*:*:table/orders`, 'arn:aws:s3:::BUCKET/*'];

const statement: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    Effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
    negateAction: fc.boolean(),
    negateResource: fc.boolean(),
    actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
    resources: fc.uniqueArray(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 2 }),
  })
  .map((s) => ({
    Effect: s.Effect,
    [s.negateAction ? 'NotAction' : 'Action']: s.actions.length === 1 ? s.actions[0] : s.actions,
    [s.negateResource && !s.resources.includes('*') ? 'NotResource' : 'Resource']: s.resources,
  }));

const policy = fc.array(statement, { minLength: 1, maxLength: 3 }).map((Statement) => ({ Version: '2012-10-17', Statement }));

function ours(identity: { Statement: Record<string, unknown>[] }[], boundary: { Statement: Record<string, unknown>[] } | undefined, action: string, resource: string): boolean {
  const doc = (p: { Statement: Record<string, unknown>[] }): IamDocument => ({
    statements: p.Statement.map((s, index): IamStatement => {
      const list = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? (v as string[]) : [v as string]);
      return {
        index,
        effect: s.Effect as 'Allow' | 'Deny',
        ...(s.Action !== undefined ? { action: list(s.Action)! } : {}),
        ...(s.NotAction !== undefined ? { notAction: list(s.NotAction)! } : {}),
        ...(s.Resource !== undefined ? { resource: list(s.Resource)! } : {}),
        ...(s.NotResource !== undefined ? { notResource: list(s.NotResource)! } : {}),
      };
    }),
  });
  const set: CompiledPolicySet = {
    identity: identity.flatMap((p, i) => compileDocument(`p${i}`, doc(p))),
    ...(boundary ? { boundary: compileDocument('boundary', doc(boundary)), boundaryArn: 'boundary' } : {}),
  };
  return evaluate(set, { action, resource }).decision === 'allow';
}

async function theirs(identity: { Statement: Record<string, unknown>[] }[], boundary: { Statement: Record<string, unknown>[] } | undefined, action: string, resource: string): Promise<boolean> {
  const simulation: Simulation = {
    identityPolicies: identity.map((policy, i) => ({ name: `p${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: boundary }] } : {}),
    request: { action, principal: PRINCIPAL, resource: { accountId: ACCOUNT, resource }, contextVariables: {} },
  } as Simulation;
  const r = await runSimulation(simulation, {});
  if (r.resultType === 'error') throw new Error(JSON.stringify(r.errors));
  return r.overallResult === 'Allowed';
}

describe('IAM evaluator vs iam-simulate', () => {
  it('agrees on allow/deny for generated identity policies, boundaries and requests', async () => {
    const seen = { allowed: 0, denied: 0, bounded: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(policy, { minLength: 1, maxLength: 2 }), fc.option(policy, { nil: undefined }), fc.constantFrom(...REQUESTS), async (identity, boundary, [action, resource]) => {
        const expected = await theirs(identity, boundary, action, resource);
        expect(ours(identity, boundary, action, resource)).toBe(expected);
        seen[expected ? 'allowed' : 'denied']++;
        if (boundary) seen.bounded++;
      }),
      { numRuns: 2500, seed: 20261124 },
    );
    // The generator must exercise both outcomes and boundaries, or agreement means little.
    expect(seen.allowed).toBeGreaterThan(250);
    expect(seen.denied).toBeGreaterThan(250);
    expect(seen.bounded).toBeGreaterThan(250);
  });
});
