import { passRoleMethod } from './method.js';

export const rule = passRoleMethod({
  id: 'aws-pass-role-lambda',
  title: 'iam:PassRole + lambda:CreateFunction + invoke',
  technique: 'T1648',
  description: "A new function running as the role, invoked directly or by an event source mapping, runs the caller's code with the role's credentials.",
  remediation: 'Scope iam:PassRole to the roles a caller must pass (Resource and iam:PassedToService), never to *.',
  cost: 15,
  service: 'lambda.amazonaws.com',
  actions: [['lambda:CreateFunction', 'lambda:InvokeFunction'], ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping']],
});
