import type { Finding } from '../rule.js';
import { assuming, finding, iamRule, needs } from './method.js';

export const rule = iamRule({
  id: 'aws-update-login-profile',
  title: 'iam:UpdateLoginProfile for another user',
  technique: 'T1098.001',
  description: "A principal that may reset a user's console password logs in as that user.",
  remediation: 'Scope iam:UpdateLoginProfile to the caller itself (aws:username) and alert on it for other users.',
  cost: 5,
  edges(view, p) {
    if (p.kind === 'group') return [];
    const out: Finding[] = [];
    for (const user of view.actors) {
      if (user.kind !== 'user' || user.arn === p.arn || user.account !== p.account) continue;
      const g = assuming(needs(view, p, [['iam:UpdateLoginProfile', user.arn]]), 'works only if the user already has a console password: the authorization details do not say', 'aws-update-login-profile');
      if (g) out.push(finding(p.arn, user.arn, `${p.arn} acts as ${user.arn} (iam:UpdateLoginProfile)`, g));
    }
    return out;
  },
});
