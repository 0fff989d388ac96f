import { both, iamRule, needs, oneOf, toAdmin } from './method.js';

export const rule = iamRule({
  id: 'aws-create-role',
  title: 'iam:CreateRole with a policy it attaches',
  technique: 'T1136.003',
  description: 'A principal that may create a role trusting itself and attach or put a * on * policy on it assumes an administrator role it made.',
  remediation: 'Require a permissions boundary on created roles (iam:PermissionsBoundary condition) and restrict the policies that may be attached (iam:PolicyARN).',
  cost: 8,
  edges(view, p) {
    if (p.kind === 'group') return [];
    // The caller names the new role; any name its policies allow will do.
    const role = '*';
    const g = both(needs(view, p, [['iam:CreateRole', role]]), oneOf(view, p, [[['iam:AttachRolePolicy', role]], [['iam:PutRolePolicy', role]]]));
    return toAdmin(view, p, 'creates a role that trusts it, gives it * on * (iam:CreateRole + Attach/PutRolePolicy) and assumes it', g);
  },
});
