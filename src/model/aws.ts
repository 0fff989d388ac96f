/**
 * AWS IAM as read from `aws iam get-account-authorization-details`: principals, their
 * policies (managed policies keep every stored version; only the default one is in force)
 * and role trust policies. Documents are normalized: one statement list, string-or-list
 * values as lists, conditions kept verbatim.
 */
import type { Source } from './model.js';

export type Effect = 'Allow' | 'Deny';

/** `"*"` or a map such as { AWS: [...], Service: [...], Federated: [...] }. */
export type PrincipalSpec = '*' | Record<string, string[]>;

/** Condition block: operator → key → values, verbatim. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface IamStatement {
  index: number;
  sid?: string;
  effect: Effect;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  condition?: ConditionBlock;
}

export interface IamDocument {
  /**
   * The policy language (`Version`). Policy variables work only in 2012-10-17: "If you do
   * not include a Version element, the value defaults to 2008-10-17 … variables such as
   * ${aws:username} aren't recognized as variables and are instead treated as literal
   * strings". Absent on documents lateral builds itself, which are read as 2012-10-17.
   */
  version?: string;
  statements: IamStatement[];
}

/** Where a statement comes from, for explain: a managed policy ARN or `<principal ARN>#inline:<name>`. */
export interface PolicyRef {
  id: string;
  document: IamDocument;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  defaultVersion: string;
  document: IamDocument;
  /** Stored versions other than the default, which iam:SetDefaultPolicyVersion can bring back. */
  otherVersions: { id: string; document: IamDocument }[];
}

export interface IamPrincipal {
  arn: string;
  name: string;
  kind: 'user' | 'role' | 'group';
  account: string;
  /** The IAM path (`/`, `/service-role/`…). */
  path?: string;
  /** The unique id (UserId, RoleId, GroupId), the value of `aws:userid` for a user. */
  id?: string;
  /** Tags by key as exported (users and roles). */
  tags?: Record<string, string>;
  inline: PolicyRef[];
  /** Attached managed policy ARNs. */
  attached: string[];
  /** Group ARNs of a user. */
  groups: string[];
  boundary?: string;
  /** A role's trust policy. */
  trust?: IamDocument;
  instanceProfiles: string[];
  source?: Source;
}

export interface AwsModel {
  principals: IamPrincipal[];
  policies: Map<string, ManagedPolicy>;
  /** Attached policy ARNs the export does not define, so their permissions are unknown. */
  unknownPolicies: Set<string>;
  /** What reading infrastructure as code changed or could not know, for the warnings. */
  notes: AwsNote[];
}

/**
 * `iac-unknown`: a value known only after apply (its decisions are conditional);
 * `iac-replaces`: an IaC object replaced the export's of the same ARN; `iac-changes`: IaC
 * attaches a policy, sets an inline policy or adds a group to a principal the export holds;
 * `iac-deletes`: IaC deletes an object the export holds; `iac-placeholder`: an account or
 * name IaC leaves to apply time stands as a placeholder in ARNs; `iac-dangling`: IaC is
 * about a principal no input holds.
 */
export interface AwsNote {
  kind: 'iac-unknown' | 'iac-replaces' | 'iac-changes' | 'iac-deletes' | 'iac-placeholder' | 'iac-dangling';
  why: string;
  file?: string;
  line?: number;
}

export function emptyAws(): AwsModel {
  return { principals: [], policies: new Map(), unknownPolicies: new Set(), notes: [] };
}

export function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** Node id standing for "acts as the account's administrator" (`*` on `*`). */
export function adminId(account: string): string {
  return `arn:aws:iam::${account}:root`;
}
