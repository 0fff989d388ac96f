import { existingComputeMethod } from './method.js';

export const rule = existingComputeMethod({
  id: 'aws-cloudformation-update-stack',
  title: 'cloudformation:UpdateStack on existing compute',
  technique: 'T1078.004',
  description: "Updating a stack whose service role is privileged makes CloudFormation create whatever the caller's template asks for with that role's permissions.",
  remediation: 'Scope cloudformation:UpdateStack to stacks whose service roles grant no more than the caller has; use stack policies.',
  cost: 20,
  service: 'cloudformation.amazonaws.com',
  resource: 'CloudFormation stack',
  actions: [['cloudformation:UpdateStack']],
});
