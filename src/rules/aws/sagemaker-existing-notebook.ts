import { existingComputeMethod } from './method.js';

export const rule = existingComputeMethod({
  id: 'aws-sagemaker-existing-notebook',
  title: 'sagemaker:CreatePresignedNotebookInstanceUrl on existing compute',
  technique: 'T1078.004',
  description: "A presigned URL to a notebook instance that runs as a role opens a Jupyter shell with the role's credentials.",
  remediation: 'Scope sagemaker:CreatePresignedNotebookInstanceUrl to named resources whose roles grant no more than the caller has.',
  cost: 15,
  service: 'sagemaker.amazonaws.com',
  resource: 'SageMaker notebook',
  actions: [['sagemaker:CreatePresignedNotebookInstanceUrl']],
});
