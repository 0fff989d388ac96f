import { iamRule, needs, toAdmin } from './method.js';

export const rule = iamRule({
  id: 'aws-attach-user-policy',
  title: 'iam:AttachUserPolicy on itself',
  technique: 'T1098',
  description: "A user that may attach managed policies to itself attaches AdministratorAccess.",
  remediation: "Never allow iam:AttachUserPolicy on the caller itself; constrain delegated administration with an iam:PolicyARN condition.",
  cost: 5,
  edges(view, p) {
    if (p.kind !== 'user') return [];
    return toAdmin(view, p, 'attaches AdministratorAccess to itself (iam:AttachUserPolicy)', needs(view, p, [['iam:AttachUserPolicy', p.arn]]));
  },
});
