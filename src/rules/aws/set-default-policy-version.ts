import { iamRule, needs, toAdmin } from './method.js';

export const rule = iamRule({
  id: 'aws-set-default-policy-version',
  title: 'iam:SetDefaultPolicyVersion to an older, broader version',
  technique: 'T1098',
  description: 'A principal that may choose the default version of a policy attached to it rolls back to a stored version that allows * on *.',
  remediation: 'Delete old policy versions that grant more than the current one; do not allow iam:SetDefaultPolicyVersion on policies attached to the caller.',
  cost: 5,
  edges(view, p) {
    for (const policy of view.customerPolicies(p)) {
      for (const version of view.adminVersions(policy)) {
        const found = toAdmin(view, p, `makes version ${version} of ${policy}, attached to it, the default (iam:SetDefaultPolicyVersion)`, needs(view, p, [['iam:SetDefaultPolicyVersion', policy]]));
        if (found.length) return found;
      }
    }
    return [];
  },
});
