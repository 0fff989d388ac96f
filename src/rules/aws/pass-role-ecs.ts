import { passRoleMethod } from './method.js';

export const rule = passRoleMethod({
  id: 'aws-pass-role-ecs',
  title: 'iam:PassRole + ECS task definition',
  technique: 'T1610',
  description: "A task definition with the role as its task role runs the caller's container with the role's credentials.",
  remediation: 'Scope iam:PassRole to the roles a caller must pass (Resource and iam:PassedToService), never to *.',
  cost: 15,
  service: 'ecs-tasks.amazonaws.com',
  actions: [['ecs:RegisterTaskDefinition', 'ecs:RunTask'], ['ecs:RegisterTaskDefinition', 'ecs:StartTask'], ['ecs:RegisterTaskDefinition', 'ecs:CreateService']],
});
