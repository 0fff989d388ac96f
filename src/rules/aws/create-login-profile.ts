import { onOtherUser } from './shapes.js';

export const rule = onOtherUser({
  id: 'aws-create-login-profile',
  title: 'iam:CreateLoginProfile for another user',
  action: 'iam:CreateLoginProfile',
  assumption: 'works only if the user has no console password yet: the authorization details do not say',
  description: 'A principal that may create a console password for a user logs in as that user.',
  remediation: 'Scope iam:CreateLoginProfile to the caller itself (aws:username) and alert on it for other users.',
});
