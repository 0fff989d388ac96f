import type { Finding, Rule } from './rule.js';

export const rule: Rule = {
  id: 'assume',
  title: 'Identity may assume another identity',
  edgeKind: 'assume',
  technique: 'T1548.005',
  description: 'A trust relationship lets one identity obtain the credentials of another (role assumption, impersonation, federation).',
  remediation: 'Trust only the identities that need the role, and require conditions (source, session tags) on the trust.',
  cost: 2,
  find(model) {
    return model.native.trust.map(
      (t, i): Finding => ({
        from: t.identity,
        to: t.mayAssume,
        reason: `${t.mayAssume} trusts ${t.identity}`,
        decisions: [{ layer: 'identity', decision: 'allow', policy: 'trust', rule: String(i), reason: `trust ${i}: ${t.identity} may assume ${t.mayAssume}` }],
      }),
    );
  },
};
