import { iamRule, needs, toAdmin } from './method.js';

export const rule = iamRule({
  id: 'aws-put-group-policy',
  title: 'iam:PutGroupPolicy on its own group',
  technique: 'T1098',
  description: 'A user that may change the policies of a group it belongs to gives that group * on *.',
  remediation: 'Do not let members change their own groups; scope iam:PutGroupPolicy to groups the caller is not in.',
  cost: 5,
  edges(view, p) {
    if (p.kind !== 'user') return [];
    for (const group of p.groups) {
      const found = toAdmin(view, p, `puts an inline * on * policy on its group ${group} (iam:PutGroupPolicy)`, needs(view, p, [['iam:PutGroupPolicy', group]]));
      if (found.length) return found;
    }
    return [];
  },
});
