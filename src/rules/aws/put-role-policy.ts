import { onRole } from './shapes.js';

export const rule = onRole({
  id: 'aws-put-role-policy',
  title: 'iam:PutRolePolicy on a role it can act as',
  action: 'iam:PutRolePolicy',
  verb: 'puts an inline * on * policy on',
  description: "A role that may change its own policies, or a principal that may change the policies of a role it can assume, gives that role * on * and acts with it.",
  remediation: "Scope iam:PutRolePolicy to roles the caller cannot assume, and never to the caller itself.",
});
