import { onOtherUser } from './shapes.js';

export const rule = onOtherUser({
  id: 'aws-create-access-key',
  title: 'iam:CreateAccessKey for another user',
  action: 'iam:CreateAccessKey',
  description: "A principal that may create access keys for a user obtains that user's long-term credentials.",
  remediation: 'Scope iam:CreateAccessKey to the caller itself (aws:username) and alert on it for other users.',
});
