import { onItself } from './shapes.js';

export const rule = onItself({
  id: 'aws-attach-user-policy',
  title: 'iam:AttachUserPolicy on itself',
  action: 'iam:AttachUserPolicy',
  verb: 'attaches AdministratorAccess to',
  description: "A user that may attach managed policies to itself attaches AdministratorAccess.",
  remediation: "Never allow iam:AttachUserPolicy on the caller itself; constrain delegated administration with an iam:PolicyARN condition.",
});
