import { iamRule, needs, toAdmin } from './method.js';

export const rule = iamRule({
  id: 'aws-attach-group-policy',
  title: 'iam:AttachGroupPolicy on its own group',
  technique: 'T1098',
  description: 'A user that may change the policies of a group it belongs to gives that group * on *.',
  remediation: 'Do not let members change their own groups; scope iam:AttachGroupPolicy to groups the caller is not in.',
  cost: 5,
  edges(view, p) {
    if (p.kind !== 'user') return [];
    for (const group of p.groups) {
      const found = toAdmin(view, p, `attaches AdministratorAccess to its group ${group} (iam:AttachGroupPolicy)`, needs(view, p, [['iam:AttachGroupPolicy', group]]));
      if (found.length) return found;
    }
    return [];
  },
});
