import { onItself } from './shapes.js';

export const rule = onItself({
  id: 'aws-put-user-policy',
  title: 'iam:PutUserPolicy on itself',
  action: 'iam:PutUserPolicy',
  verb: 'puts an inline * on * policy on',
  description: "A user that may put an inline policy on itself writes one allowing * on *.",
  remediation: "Never allow iam:PutUserPolicy on the caller itself; scope IAM writes to paths the caller does not belong to.",
});
