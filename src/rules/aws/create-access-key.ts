import type { Finding } from '../rule.js';
import { finding, iamRule, needs } from './method.js';

export const rule = iamRule({
  id: 'aws-create-access-key',
  title: 'iam:CreateAccessKey for another user',
  technique: 'T1098.001',
  description: "A principal that may create access keys for a user obtains that user's long-term credentials.",
  remediation: 'Scope iam:CreateAccessKey to the caller itself (aws:username) and alert on it for other users.',
  cost: 5,
  edges(view, p) {
    if (p.kind === 'group') return [];
    const out: Finding[] = [];
    for (const user of view.actors) {
      if (user.kind !== 'user' || user.arn === p.arn || user.account !== p.account) continue;
      const g = needs(view, p, [['iam:CreateAccessKey', user.arn]]);
      if (g) out.push(finding(p.arn, user.arn, `${p.arn} acts as ${user.arn} (iam:CreateAccessKey)`, g));
    }
    return out;
  },
});
