/**
 * Differential test: our identity-policy evaluator against @cloud-copilot/iam-simulate (a
 * maintained IAM simulator; AGPL-3.0, so a devDependency used only here) on generated
 * identity policies, permissions boundaries and requests. Both must agree on allow vs deny.
 * Our side reads each document through the ingest parser, in the forms exports hold.
 *
 * Known differences, kept out of the generator (no disagreement was found on what it makes):
 * (1) a request on resource `*` means, for lateral, a resource the caller picks (a function
 * it creates): any Allow naming some resource is met, a Deny must name `*`; (2) iam-simulate
 * matches the partition, service, region and account components of a Resource ARN
 * case-insensitively; lateral compares the whole ARN case-sensitively ("In the Resource
 * element, the IAM user name is case sensitive"; the reference says nothing of the other
 * components); (3) lateral's `*` in a Resource may span colons anywhere, where the reference
 * lets only a segment's last `*` "expand to match beyond the colon boundaries" and
 * iam-simulate keeps every `*` of the first five components within its component.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/ingest/aws-iam/document.js';
import { compileDocument, evaluate, type CompiledPolicySet } from '../../../src/policy/iam/index.js';

const ACCOUNT = '123456789012';
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/alice`;
/** The policy variables both sides know of the caller. */
const VARIABLES = { values: { 'aws:username': 'alice' } };

/** Real actions with a resource each accepts, so the simulator's validation passes. */
const REQUESTS: [string, string][] = [
  ['s3:GetObject', 'arn:aws:s3:::bucket/data.csv'],
  ['s3:GetObject', 'arn:aws:s3:::Bucket/data.csv'],
  ['s3:PutObject', 'arn:aws:s3:::bucket/logs/a.txt'],
  ['s3:PutObject', 'arn:aws:s3:::bucket/home/alice/a.txt'],
  ['s3:GetObject', 'arn:aws:s3:::bucket/home/bob/a.txt'],
  ['s3:ListBucket', 'arn:aws:s3:::bucket'],
  ['s3:DeleteBucket', 'arn:aws:s3:::other'],
  ['iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/bob`],
  ['iam:PutUserPolicy', `arn:aws:iam::${ACCOUNT}:user/alice`],
  ['iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/bob`],
  ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/admin`],
  ['dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`],
  ['sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/admin`],
];

const ACTIONS = ['*', 's3:*', 's3:Get*', 's3:GetObject', 'S3:GETOBJECT', 's3:?etObject', 's3:List*', 'iam:*', 'iam:Create*', 'iam:PutUserPolicy', 'iam:PassRole', 'dynamodb:*', 'sts:AssumeRole', 'ec2:RunInstances'];
const RESOURCES = ['*', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', 'arn:aws:s3:::buck?t/*', 'arn:aws:s3:::*', 'arn:aws:s3:::bucket/logs/*', `arn:aws:iam::${ACCOUNT}:user/*`, `arn:aws:iam::${ACCOUNT}:role/admin`, `arn:aws:iam::${ACCOUNT}:*`, `arn:aws:dynamodb:*:*:table/orders`, 'arn:aws:s3:::BUCKET/*', 'arn:aws:s3:::bucket/home/${aws:username}/*', `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`];

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

/** A policy as an export may hold it: `Statement` one object or a list; the document an object, JSON text or URL-encoded JSON. */
const policy = fc
  .record({ Statement: fc.array(statement, { minLength: 1, maxLength: 3 }), single: fc.boolean(), form: fc.constantFrom('object', 'json', 'url') })
  .map(({ Statement, single, form }) => ({ Version: '2012-10-17', Statement, single: single && Statement.length === 1, form }));

type Policy = { Version: string; Statement: Record<string, unknown>[]; single: boolean; form: string };

/** The document as AWS reads it (for iam-simulate). */
const plain = (p: Policy) => ({ Version: p.Version, Statement: p.single ? p.Statement[0] : p.Statement });

/** The document as the export carries it (for our ingest parser). */
function exported(p: Policy): unknown {
  const d = plain(p);
  return p.form === 'object' ? d : p.form === 'json' ? JSON.stringify(d) : encodeURIComponent(JSON.stringify(d));
}

function ours(identity: Policy[], boundary: Policy | undefined, action: string, resource: string): boolean {
  const set: CompiledPolicySet = {
    identity: identity.flatMap((p, i) => compileDocument(`p${i}`, parseDocument(exported(p)), VARIABLES)),
    ...(boundary ? { boundary: compileDocument('boundary', parseDocument(exported(boundary)), VARIABLES), boundaryArn: 'boundary' } : {}),
  };
  return evaluate(set, { action, resource }).decision === 'allow';
}

async function theirs(identity: Policy[], boundary: Policy | undefined, action: string, resource: string): Promise<boolean> {
  const simulation: Simulation = {
    identityPolicies: identity.map((policy, i) => ({ name: `p${i}`, policy: plain(policy) })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: plain(boundary) }] } : {}),
    request: { action, principal: PRINCIPAL, resource: { accountId: ACCOUNT, resource }, contextVariables: { 'aws:username': 'alice' } },
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
