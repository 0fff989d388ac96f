import { passRoleMethod } from './method.js';

export const rule = passRoleMethod({
  id: 'aws-pass-role-codebuild',
  title: 'iam:PassRole + CodeBuild project',
  technique: 'T1078.004',
  description: "A build project with the role as its service role runs the caller's buildspec with the role's credentials.",
  remediation: 'Scope iam:PassRole to the roles a caller must pass (Resource and iam:PassedToService), never to *.',
  cost: 15,
  service: 'codebuild.amazonaws.com',
  actions: [['codebuild:CreateProject', 'codebuild:StartBuild'], ['codebuild:CreateProject', 'codebuild:StartBuildBatch']],
});
