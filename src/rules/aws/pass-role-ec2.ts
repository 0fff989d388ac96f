import { passRoleMethod } from './method.js';

export const rule = passRoleMethod({
  id: 'aws-pass-role-ec2',
  title: 'iam:PassRole + ec2:RunInstances',
  technique: 'T1078.004',
  description: "An instance launched with the role's instance profile serves its credentials from the metadata service to whoever runs code on it.",
  remediation: 'Scope iam:PassRole to the roles a caller must pass (Resource and iam:PassedToService), never to *.',
  cost: 15,
  service: 'ec2.amazonaws.com',
  instanceProfile: true,
  actions: [['ec2:RunInstances']],
});
