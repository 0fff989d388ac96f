import { passRoleMethod } from './method.js';

export const rule = passRoleMethod({
  id: 'aws-pass-role-cloudformation',
  title: 'iam:PassRole + cloudformation:CreateStack',
  technique: 'T1078.004',
  description: "A stack created with the role as its service role creates any resource the role may, including new credentials for the caller.",
  remediation: 'Scope iam:PassRole to the roles a caller must pass (Resource and iam:PassedToService), never to *.',
  cost: 15,
  service: 'cloudformation.amazonaws.com',
  actions: [['cloudformation:CreateStack']],
});
