import { passRoleMethod } from './method.js';

export const rule = passRoleMethod({
  id: 'aws-pass-role-datapipeline',
  title: 'iam:PassRole + Data Pipeline',
  technique: 'T1078.004',
  description: "A pipeline running as the role executes the caller's shell activity with the role's credentials.",
  remediation: 'Scope iam:PassRole to the roles a caller must pass (Resource and iam:PassedToService), never to *.',
  cost: 15,
  service: 'datapipeline.amazonaws.com',
  actions: [['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline']],
});
