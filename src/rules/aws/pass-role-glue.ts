import { passRoleMethod } from './method.js';

export const rule = passRoleMethod({
  id: 'aws-pass-role-glue',
  title: 'iam:PassRole + glue:CreateDevEndpoint',
  technique: 'T1078.004',
  description: "A Glue development endpoint running as the role accepts the caller's SSH key and exposes the role's credentials.",
  remediation: 'Scope iam:PassRole to the roles a caller must pass (Resource and iam:PassedToService), never to *.',
  cost: 15,
  service: 'glue.amazonaws.com',
  actions: [['glue:CreateDevEndpoint']],
});
