import { passRoleMethod } from './method.js';

export const rule = passRoleMethod({
  id: 'aws-pass-role-sagemaker',
  title: 'iam:PassRole + SageMaker notebook or job',
  technique: 'T1078.004',
  description: "A notebook instance or job running as the role runs the caller's code with the role's credentials.",
  remediation: 'Scope iam:PassRole to the roles a caller must pass (Resource and iam:PassedToService), never to *.',
  cost: 15,
  service: 'sagemaker.amazonaws.com',
  actions: [['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'], ['sagemaker:CreateTrainingJob'], ['sagemaker:CreateProcessingJob']],
});
