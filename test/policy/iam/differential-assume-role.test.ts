/**
 * Differential test of role chaining (a role session assuming another role) with
 * permissions boundaries against @cloud-copilot/iam-simulate: the trust names the caller's
 * role ARN, one of its sessions, `*`, the account or someone else; the caller's identity
 * policies and boundary allow, deny or say nothing. AWS: "Resource-based policies that
 * grant permissions to an IAM role ARN are limited by an implicit deny in a permissions
 * boundary", while a grant to a role session (or `*`, which matches the session) is not.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyContext } from '../../../src/policy/context.js';
import { iamEngine } from '../../../src/policy/iam/index.js';
import { ACCOUNT, allow, arn, deny, doc, load } from '../../helpers/aws-export.js';

const OTHER = '444455556666';
const TARGET = arn('role', 'target');

const POLICIES = {
  none: [],
  allow: [allow('sts:AssumeRole', TARGET)],
  'allow-all': [allow('*')],
  deny: [allow('*'), deny('sts:AssumeRole')],
  other: [allow('s3:*')],
} as const;
type Which = keyof typeof POLICIES;

const case_ = fc.record({
  account: fc.constantFrom(ACCOUNT, ACCOUNT, OTHER),
  trustPrincipal: fc.constantFrom('role-arn', 'session', 'star', 'account-root', 'account-id', 'someone-else'),
  identity: fc.constantFrom<Which>('none', 'allow', 'allow-all', 'deny', 'other'),
  boundary: fc.option(fc.constantFrom<Which>('allow', 'allow-all', 'deny', 'other'), { nil: undefined }),
});

describe('role chaining with boundaries vs iam-simulate', () => {
  it('agrees on allow/deny', async () => {
    const seen = { allowed: 0, denied: 0 };
    await fc.assert(
      fc.asyncProperty(case_, async (c) => {
        const caller = arn('role', 'caller', c.account);
        const session = `arn:aws:sts::${c.account}:assumed-role/caller/attacker`;
        const principal = { 'role-arn': caller, session, star: '*', 'account-root': `arn:aws:iam::${c.account}:root`, 'account-id': c.account, 'someone-else': arn('role', 'else', c.account) }[c.trustPrincipal];
        const trust = [{ Effect: 'Allow', Principal: principal === '*' ? '*' : { AWS: principal }, Action: 'sts:AssumeRole' }];
        const identity = [...POLICIES[c.identity]];
        const boundary = c.boundary ? [...POLICIES[c.boundary]] : undefined;
        const simulation = {
          identityPolicies: identity.length ? [{ name: 'p', policy: doc(...identity) }] : [],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          ...(boundary ? { permissionBoundaryPolicies: [{ name: 'b', policy: doc(...boundary) }] } : {}),
          resourcePolicy: doc(...trust),
          request: { action: 'sts:AssumeRole', principal: session, resource: { accountId: ACCOUNT, resource: TARGET }, contextVariables: {} },
        } as Simulation;
        const r = await runSimulation(simulation, {});
        if (r.resultType === 'error') throw new Error(JSON.stringify(r.errors));
        const theirs = r.overallResult === 'Allowed';
        const model = load({
          roles: [
            { name: 'caller', account: c.account, trust: [], statements: identity, ...(boundary ? { boundary: arn('policy', 'b') } : {}) },
            { name: 'target', trust },
          ],
          ...(boundary ? { policies: [{ name: 'b', versions: [{ id: 'v1', statements: boundary }] }] } : {}),
        });
        const ours = iamEngine(new PolicyContext(model, { at: '2026-11-24' })).canAssume(caller, TARGET).decision === 'allow';
        expect(ours, JSON.stringify(c)).toBe(theirs);
        seen[theirs ? 'allowed' : 'denied']++;
      }),
      { numRuns: 600, seed: 4242 },
    );
    expect(seen.allowed).toBeGreaterThan(60);
    expect(seen.denied).toBeGreaterThan(60);
  });
});
