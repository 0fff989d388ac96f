import { existingComputeMethod } from './method.js';

export const rule = existingComputeMethod({
  id: 'aws-lambda-update-function-code',
  title: 'lambda:UpdateFunctionCode on existing compute',
  technique: 'T1078.004',
  description: "Replacing the code of a function that runs as a role runs the caller's code with the role's credentials.",
  remediation: 'Scope lambda:UpdateFunctionCode to named resources whose roles grant no more than the caller has.',
  cost: 15,
  service: 'lambda.amazonaws.com',
  resource: 'Lambda function',
  actions: [['lambda:UpdateFunctionCode']],
});
