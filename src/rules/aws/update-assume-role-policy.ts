import type { Finding } from '../rule.js';
import { both, finding, iamRule, needs } from './method.js';

export const rule = iamRule({
  id: 'aws-update-assume-role-policy',
  title: 'iam:UpdateAssumeRolePolicy then sts:AssumeRole',
  technique: 'T1098',
  description: "A principal that may rewrite a role's trust policy makes the role trust it, then assumes it.",
  remediation: 'Restrict iam:UpdateAssumeRolePolicy to an administration role; alert on trust-policy changes.',
  cost: 6,
  edges(view, p) {
    if (p.kind === 'group') return [];
    const out: Finding[] = [];
    // The rewritten trust names `p`, so only iam:UpdateAssumeRolePolicy can stop it.
    for (const role of view.mayActOn(p, 'iam:UpdateAssumeRolePolicy', view.roles)) {
      if (role.arn === p.arn || role.account !== p.account) continue;
      const assume = view.assumeAfterTrustRewrite(p, role);
      if (assume.decision === 'deny') continue;
      const g = both(needs(view, p, [['iam:UpdateAssumeRolePolicy', role.arn]]), { conditional: assume.decision === 'conditional', decisions: assume.decisions });
      if (g) out.push(finding(p.arn, role.arn, `${p.arn} rewrites the trust policy of ${role.arn} and assumes it`, g));
    }
    return out;
  },
});
