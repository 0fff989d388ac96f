import { iamRule, needs, toAdmin } from './method.js';

export const rule = iamRule({
  id: 'aws-create-policy-version',
  title: 'iam:CreatePolicyVersion on its own policy',
  technique: 'T1098',
  description: 'A principal that may create a new default version of a customer-managed policy attached to it rewrites that policy to allow * on *. AWS-managed policies (arn:aws:iam::aws:policy/...) cannot be changed.',
  remediation: 'Do not allow iam:CreatePolicyVersion on policies attached to the caller; restrict it to a policy path the caller does not use.',
  cost: 5,
  edges(view, p) {
    for (const policy of view.customerPolicies(p)) {
      const found = toAdmin(view, p, `writes a new default version of ${policy}, attached to it (iam:CreatePolicyVersion)`, needs(view, p, [['iam:CreatePolicyVersion', policy]]));
      if (found.length) return found;
    }
    return [];
  },
});
