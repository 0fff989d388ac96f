import type { IamDocument } from './aws.js';

/** AWS-managed policies often attached but absent from exports filtered to local policies. */
export const WELL_KNOWN_POLICIES = new Map<string, IamDocument>([
  ['arn:aws:iam::aws:policy/AdministratorAccess', { statements: [{ index: 0, effect: 'Allow', action: ['*'], resource: ['*'] }] }],
  ['arn:aws:iam::aws:policy/IAMFullAccess', { statements: [{ index: 0, effect: 'Allow', action: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy'], resource: ['*'] }] }],
  ['arn:aws:iam::aws:policy/PowerUserAccess', { statements: [{ index: 0, effect: 'Allow', notAction: ['iam:*', 'organizations:*', 'account:*'], resource: ['*'] }, { index: 1, effect: 'Allow', action: ['account:GetAccountInformation', 'account:GetPrimaryEmail', 'account:ListRegions', 'iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization'], resource: ['*'] }] }],
]);
