/**
 * IAM as infrastructure as code declares it, before names resolve to ARNs: what the
 * Terraform and CloudFormation readers produce and `finalizeIac` turns into the model the
 * export ingest fills. Objects refer to each other by name within an account, as both
 * languages do (`aws_iam_role_policy_attachment.role`, `AWS::IAM::Policy.Roles`).
 */
import type { Source } from '../../model/model.js';

/** A value known only once the change is applied (Terraform `after_unknown`, a CloudFormation import); `why` names it. */
export interface Later {
  later: string;
}
export type Maybe<T> = T | Later;

export function isLater(v: unknown): v is Later {
  return typeof v === 'object' && v !== null && 'later' in v && typeof (v as Later).later === 'string' && Object.keys(v).length === 1;
}

export type PrincipalKind = 'role' | 'user' | 'group';

/** Where an object comes from: the file, and the resource address or logical id printed with it. */
export interface Declared {
  source: Source;
  address: string;
  /** The object exists only if this holds (a CloudFormation condition lateral cannot decide). */
  onlyIf?: string;
}

export interface IacPrincipal extends Declared {
  kind: PrincipalKind;
  /** Unknown when the platform picks it at apply (name_prefix, no RoleName). */
  name: Maybe<string>;
  path: string;
  /** The ARN when the input states it (an existing object); else it follows from account, path and name. */
  arn?: string;
  trust?: Maybe<unknown>;
  inline: { name: string; document: Maybe<unknown> }[];
  attached: Maybe<string>[];
  boundary?: Maybe<string>;
  /** A user's groups, by name. */
  groups: string[];
  tags: { Key: string; Value: string }[];
}

export interface IacPolicy extends Declared {
  name: Maybe<string>;
  path: string;
  arn?: string;
  document: Maybe<unknown>;
}

/** Who an attachment, inline policy or membership is about: a principal by name, or by the key of one this input declares. */
export type Target = { kind: PrincipalKind; name: string } | { kind: PrincipalKind; key: string };

export interface IacAttachment extends Declared {
  to: Target;
  /** A policy ARN, or the key of a policy this input declares (`{ key }`). */
  policy: Maybe<string> | { key: string };
}

export interface IacInline extends Declared {
  to: Target;
  name: string;
  document: Maybe<unknown>;
}

export interface IacMembership extends Declared {
  user: string;
  groups: string[];
}

export interface IacInstanceProfile extends Declared {
  name: Maybe<string>;
  path: string;
  arn?: string;
  role: string;
}

/** One IaC input (a plan, a state, a template), with the account its ARNs are in when it says. */
export interface IacInput {
  file: string;
  account?: string;
  /** Principals and policies by key (address or logical id). */
  principals: Map<string, IacPrincipal>;
  policies: Map<string, IacPolicy>;
  attachments: IacAttachment[];
  inlines: IacInline[];
  memberships: IacMembership[];
  instanceProfiles: IacInstanceProfile[];
  /** Objects the change deletes, by ARN. */
  deletes: { arn: string; address: string; source: Source }[];
  /** Attachments and inline policies the change removes from principals it does not declare. */
  detachments: IacAttachment[];
  inlineRemovals: Omit<IacInline, 'document'>[];
}

export function emptyInput(file: string): IacInput {
  return { file, principals: new Map(), policies: new Map(), attachments: [], inlines: [], memberships: [], instanceProfiles: [], deletes: [], detachments: [], inlineRemovals: [] };
}
