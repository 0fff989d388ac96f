import { existingComputeMethod } from './method.js';

export const rule = existingComputeMethod({
  id: 'aws-ssm-command',
  title: 'ssm:SendCommand or ssm:StartSession on existing compute',
  technique: 'T1651',
  description: "Running a command or a session on an EC2 instance reads the credentials of its instance profile's role from the metadata service.",
  remediation: 'Scope ssm:SendCommand and ssm:StartSession to instances by tag (ssm:resourceTag) and keep privileged roles off instance profiles.',
  cost: 10,
  service: 'ec2.amazonaws.com',
  instanceProfile: true,
  resource: 'EC2 instance',
  actions: [['ssm:SendCommand'], ['ssm:StartSession']],
});
