/**
 * Differential test of Condition evaluation against @cloud-copilot/iam-simulate: generated
 * conditions over a few global keys, with each key either given a value or known to be
 * absent from the request, so both evaluators decide every case.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDocument, evaluate } from '../../../src/policy/iam/index.js';

const ACCOUNT = '123456789012';
const KEYS = {
  'aws:username': { ops: ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase'], wanted: ['alice', 'Alice', 'al*', 'bob', 'b?b'], actual: ['alice', 'bob', 'carol'] },
  'aws:SourceIp': { ops: ['IpAddress', 'NotIpAddress'], wanted: ['10.0.0.0/8', '192.0.2.0/24', '203.0.113.7/32'], actual: ['10.1.2.3', '192.0.2.55', '198.51.100.1'] },
  'aws:CurrentTime': { ops: ['DateGreaterThan', 'DateLessThan', 'DateEquals'], wanted: ['2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z'], actual: ['2026-11-24T00:00:00Z'] },
  'aws:SecureTransport': { ops: ['Bool'], wanted: ['true', 'false'], actual: ['true', 'false'] },
} as const;
type Key = keyof typeof KEYS;

const condition = fc.constantFrom(...(Object.keys(KEYS) as Key[])).chain((key) =>
  fc.record({
    key: fc.constant(key),
    op: fc.constantFrom(...KEYS[key].ops),
    ifExists: fc.boolean(),
    wanted: fc.uniqueArray(fc.constantFrom(...KEYS[key].wanted), { minLength: 1, maxLength: 2 }),
  }),
);

const statement = fc.record({ effect: fc.constantFrom('Allow', 'Allow', 'Deny'), conditions: fc.array(condition, { minLength: 1, maxLength: 2 }) });
const request = fc.record(Object.fromEntries((Object.keys(KEYS) as Key[]).map((k) => [k, fc.option(fc.constantFrom(...KEYS[k].actual), { nil: undefined })])) as Record<Key, fc.Arbitrary<string | undefined>>);

function policyOf(statements: { effect: string; conditions: { key: Key; op: string; ifExists: boolean; wanted: string[] }[] }[]) {
  return {
    Version: '2012-10-17',
    Statement: [
      ...statements.map((s) => {
        const Condition: Record<string, Record<string, string[]>> = {};
        for (const c of s.conditions) {
          const op = `${c.op}${c.ifExists ? 'IfExists' : ''}`;
          Condition[op] = { ...(Condition[op] ?? {}), [c.key]: c.wanted };
        }
        return { Effect: s.effect, Action: 's3:GetObject', Resource: '*', Condition };
      }),
    ],
  };
}

describe('IAM conditions vs iam-simulate', () => {
  it('agrees on generated conditions with every key given or absent', async () => {
    const seen = { allowed: 0, denied: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { minLength: 1, maxLength: 3 }), request, async (statements, req) => {
        const policy = policyOf(statements);
        const given = Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)) as Record<string, string>;
        const context: Record<string, string> = { ...given };
        const simulation = {
          identityPolicies: [{ name: 'p', policy }],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          request: { action: 's3:GetObject', principal: `arn:aws:iam::${ACCOUNT}:user/alice`, resource: { accountId: ACCOUNT, resource: 'arn:aws:s3:::bucket/k' }, contextVariables: context },
        } as Simulation;
        const r = await runSimulation(simulation, {});
        if (r.resultType === 'error') throw new Error(JSON.stringify(r.errors));
        const theirs = r.overallResult === 'Allowed';
        const absent = new Set((Object.keys(KEYS) as Key[]).filter((k) => req[k] === undefined).map((k) => k.toLowerCase()));
        const values = Object.fromEntries(Object.entries(context).map(([k, v]) => [k.toLowerCase(), [v]]));
        const ours = evaluate({ identity: compileDocument('p', { statements: policy.Statement.map((s, index) => ({ index, effect: s.Effect as 'Allow' | 'Deny', action: [s.Action], resource: [s.Resource], condition: Object.fromEntries(Object.entries(s.Condition).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]))])) })) }) }, { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/k', context: { values, absent } });
        expect(ours.decision === 'allow', JSON.stringify({ policy, context })).toBe(theirs);
        seen[theirs ? 'allowed' : 'denied']++;
      }),
      { numRuns: 1500, seed: 1124 },
    );
    expect(seen.allowed).toBeGreaterThan(150);
    expect(seen.denied).toBeGreaterThan(150);
  });
});
