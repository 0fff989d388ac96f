import { onOwnGroup } from './shapes.js';

export const rule = onOwnGroup({
  id: 'aws-attach-group-policy',
  title: 'iam:AttachGroupPolicy on its own group',
  action: 'iam:AttachGroupPolicy',
  verb: 'attaches AdministratorAccess to',
  description: "A user that may change the policies of a group it belongs to gives that group * on *.",
  remediation: "Do not let members change their own groups; scope iam:AttachGroupPolicy to groups the caller is not in.",
});
