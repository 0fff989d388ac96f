import type { Finding } from '../rule.js';
import { finding, iamRule } from './method.js';

export const rule = iamRule({
  id: 'aws-assume-role',
  title: 'sts:AssumeRole',
  edgeKind: 'assume',
  technique: 'T1550.001',
  description: 'A principal assumes a role whose trust policy lets it (within one account a trust policy naming the principal suffices; one naming the account also needs an identity-policy allow; across accounts both are needed).',
  remediation: 'Name exact principals in trust policies, add conditions (sts:ExternalId, aws:PrincipalTag, MFA), and remove unused trust.',
  cost: 2,
  edges(view, p) {
    if (p.kind === 'group') return [];
    const out: Finding[] = [];
    for (const role of view.assumable(p)) {
      if (role.arn === p.arn) continue;
      const v = view.assume(p, role);
      if (v.decision !== 'deny') out.push(finding(p.arn, role.arn, `${p.arn} may assume ${role.arn}`, { conditional: v.decision === 'conditional', decisions: v.decisions }));
    }
    return out;
  },
});
