import { iamRule, needs, toAdmin } from './method.js';

export const rule = iamRule({
  id: 'aws-put-user-policy',
  title: 'iam:PutUserPolicy on itself',
  technique: 'T1098',
  description: "A user that may put an inline policy on itself writes one allowing * on *.",
  remediation: "Never allow iam:PutUserPolicy on the caller itself; scope IAM writes to paths the caller does not belong to.",
  cost: 5,
  edges(view, p) {
    if (p.kind !== 'user') return [];
    return toAdmin(view, p, 'puts an inline * on * policy on itself (iam:PutUserPolicy)', needs(view, p, [['iam:PutUserPolicy', p.arn]]));
  },
});
