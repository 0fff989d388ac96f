import { onRole } from './shapes.js';

export const rule = onRole({
  id: 'aws-attach-role-policy',
  title: 'iam:AttachRolePolicy on a role it can act as',
  action: 'iam:AttachRolePolicy',
  verb: 'attaches AdministratorAccess to',
  description: "A role that may change its own policies, or a principal that may change the policies of a role it can assume, gives that role * on * and acts with it.",
  remediation: "Scope iam:AttachRolePolicy to roles the caller cannot assume, and never to the caller itself.",
});
