/**
 * Differential test of role assumption (trust policy + identity policies, same-account and
 * cross-account) against @cloud-copilot/iam-simulate, which evaluates trust policies as
 * resource policies with AWS's rules for them.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyContext } from '../../../src/policy/context.js';
import { iamEngine } from '../../../src/policy/iam/index.js';
import { ACCOUNT, allow, arn, deny, doc, load } from '../../helpers/aws-export.js';

const OTHER = '444455556666';
const ROLE = arn('role', 'target');

const case_ = fc.record({
  account: fc.constantFrom(ACCOUNT, OTHER),
  trustPrincipal: fc.constantFrom('caller', 'account-root', 'account-id', 'star', 'someone-else', 'other-root'),
  trustEffect: fc.constantFrom('Allow', 'Allow', 'Deny'),
  identity: fc.constantFrom('none', 'allow', 'allow-star', 'deny', 'allow+deny'),
});

describe('role assumption vs iam-simulate', () => {
  it('agrees on same-account and cross-account AssumeRole', async () => {
    const seen = { allowed: 0, denied: 0 };
    await fc.assert(
      fc.asyncProperty(case_, async (c) => {
        const caller = arn('user', 'caller', c.account);
        const principal = { caller, 'account-root': `arn:aws:iam::${c.account}:root`, 'account-id': c.account, star: '*', 'someone-else': arn('user', 'else', c.account), 'other-root': `arn:aws:iam::999988887777:root` }[c.trustPrincipal];
        const trust = [{ Effect: c.trustEffect, Principal: principal === '*' ? '*' : { AWS: principal }, Action: 'sts:AssumeRole' }];
        const identity = { none: [], allow: [allow('sts:AssumeRole', ROLE)], 'allow-star': [allow('sts:*')], deny: [deny('sts:AssumeRole')], 'allow+deny': [allow('sts:AssumeRole'), deny('sts:AssumeRole', ROLE)] }[c.identity];
        const simulation = {
          identityPolicies: identity.length ? [{ name: 'p', policy: doc(...identity) }] : [],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy: doc(...trust),
          request: { action: 'sts:AssumeRole', principal: caller, resource: { accountId: ACCOUNT, resource: ROLE }, contextVariables: {} },
        } as Simulation;
        const r = await runSimulation(simulation, {});
        if (r.resultType === 'error') throw new Error(JSON.stringify(r.errors));
        const theirs = r.overallResult === 'Allowed';
        const model = load({ users: [{ name: 'caller', account: c.account, statements: identity }], roles: [{ name: 'target', trust }] });
        const ours = iamEngine(new PolicyContext(model, { at: '2026-11-24' })).canAssume(caller, ROLE).decision === 'allow';
        expect(ours, JSON.stringify(c)).toBe(theirs);
        seen[theirs ? 'allowed' : 'denied']++;
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(seen.allowed).toBeGreaterThan(30);
    expect(seen.denied).toBeGreaterThan(30);
  });
});
