import type { Finding } from '../rule.js';
import { finding, iamRule, needs } from './method.js';

export const rule = iamRule({
  id: 'aws-add-user-to-group',
  title: 'iam:AddUserToGroup on itself',
  technique: 'T1098',
  description: "A user that may add users to a group joins it and acts with the group's permissions.",
  remediation: 'Scope iam:AddUserToGroup to groups that grant less than the caller has; alert on self-membership changes.',
  cost: 5,
  edges(view, p) {
    if (p.kind !== 'user') return [];
    const out: Finding[] = [];
    for (const group of view.mayActOn(p, 'iam:AddUserToGroup', view.groups)) {
      if (group.account !== p.account || p.groups.includes(group.arn)) continue;
      const g = needs(view, p, [['iam:AddUserToGroup', group.arn]]);
      if (g) out.push(finding(p.arn, group.arn, `${p.arn} adds itself to ${group.arn} (iam:AddUserToGroup)`, g));
    }
    return out;
  },
});
