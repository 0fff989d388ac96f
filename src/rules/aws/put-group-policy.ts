import { onOwnGroup } from './shapes.js';

export const rule = onOwnGroup({
  id: 'aws-put-group-policy',
  title: 'iam:PutGroupPolicy on its own group',
  action: 'iam:PutGroupPolicy',
  verb: 'puts an inline * on * policy on',
  description: "A user that may change the policies of a group it belongs to gives that group * on *.",
  remediation: "Do not let members change their own groups; scope iam:PutGroupPolicy to groups the caller is not in.",
});
