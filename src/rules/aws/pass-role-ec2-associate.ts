import { passRoleMethod } from './method.js';

export const rule = passRoleMethod({
  id: 'aws-pass-role-ec2-associate',
  title: 'iam:PassRole + ec2:AssociateIamInstanceProfile',
  technique: 'T1078.004',
  description: "Attaching the role's instance profile to an EC2 instance the caller already runs code on serves the role's credentials from that instance's metadata service.",
  remediation: 'Scope iam:PassRole to the roles a caller must pass, and ec2:AssociateIamInstanceProfile / ReplaceIamInstanceProfileAssociation to tagged instances.',
  cost: 15,
  service: 'ec2.amazonaws.com',
  instanceProfile: true,
  assumption: 'needs an EC2 instance the caller can already run code on: the authorization details do not list instances',
  actions: [['ec2:AssociateIamInstanceProfile'], ['ec2:ReplaceIamInstanceProfileAssociation']],
});
