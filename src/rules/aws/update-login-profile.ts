import { onOtherUser } from './shapes.js';

export const rule = onOtherUser({
  id: 'aws-update-login-profile',
  title: 'iam:UpdateLoginProfile for another user',
  action: 'iam:UpdateLoginProfile',
  assumption: 'works only if the user already has a console password: the authorization details do not say',
  description: "A principal that may reset a user's console password logs in as that user.",
  remediation: 'Scope iam:UpdateLoginProfile to the caller itself (aws:username) and alert on it for other users.',
});
