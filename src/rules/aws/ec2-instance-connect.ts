import { existingComputeMethod } from './method.js';

export const rule = existingComputeMethod({
  id: 'aws-ec2-instance-connect',
  title: 'ec2-instance-connect:SendSSHPublicKey on existing compute',
  technique: 'T1021.004',
  description: "Pushing an SSH key to an EC2 instance gives a shell there, and with it the instance profile role's credentials.",
  remediation: 'Scope ec2-instance-connect:SendSSHPublicKey to instances by tag and require IMDSv2 with a hop limit of 1.',
  cost: 10,
  service: 'ec2.amazonaws.com',
  instanceProfile: true,
  resource: 'EC2 instance',
  actions: [['ec2-instance-connect:SendSSHPublicKey']],
});
