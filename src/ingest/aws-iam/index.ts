/**
 * `aws iam get-account-authorization-details` exports: users, groups, roles and managed
 * policies of one or several accounts. Principals and policies keep their ARNs as ids; only
 * a managed policy's default version is in force; the tags owner/Owner and tier set owner
 * and tier. Resources named in policies (buckets, secrets, keys, tables, …) become nodes.
 */
import { z } from 'zod';
import { accountOf, adminId, type IamDocument, type IamPrincipal, type PolicyRef } from '../../model/aws.js';
import type { Identity, Source, Tier } from '../../model/model.js';
import type { IngestContext } from '../context.js';
import type { ParsedDoc, PathSegment } from '../parse.js';
import { validate } from '../zod-problems.js';
import { DocumentError, parseDocument } from './document.js';
import { resourceNodes } from './resources.js';
import { WELL_KNOWN_POLICIES } from '../../model/aws-managed.js';
import { commitPending, putPolicy, putPrincipal, type Origin } from './pending.js';

const KEYS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'];

export function isAwsIam(value: unknown): boolean {
  return typeof value === 'object' && value !== null && KEYS.some((k) => k in value);
}

const tags = z.array(z.looseObject({ Key: z.string(), Value: z.string() })).nullish();
const inline = (nameKey: string) => z.array(z.looseObject({ [nameKey]: z.string(), PolicyDocument: z.unknown() })).nullish();
const attached = z.array(z.looseObject({ PolicyArn: z.string() })).nullish();
const boundary = z.looseObject({ PermissionsBoundaryArn: z.string() }).nullish();
const arn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:/, 'expected an IAM ARN such as arn:aws:iam::123456789012:user/name');

const exportSchema = z.looseObject({
  UserDetailList: z.array(z.looseObject({ UserName: z.string(), Arn: arn, Path: z.string().nullish(), UserId: z.string().nullish(), GroupList: z.array(z.string()).nullish(), UserPolicyList: inline('PolicyName'), AttachedManagedPolicies: attached, PermissionsBoundary: boundary, Tags: tags })).nullish(),
  GroupDetailList: z.array(z.looseObject({ GroupName: z.string(), Arn: arn, Path: z.string().nullish(), GroupId: z.string().nullish(), GroupPolicyList: inline('PolicyName'), AttachedManagedPolicies: attached })).nullish(),
  RoleDetailList: z
    .array(
      z.looseObject({
        RoleName: z.string(),
        Arn: arn,
        Path: z.string().nullish(),
        RoleId: z.string().nullish(),
        AssumeRolePolicyDocument: z.unknown(),
        RolePolicyList: inline('PolicyName'),
        AttachedManagedPolicies: attached,
        PermissionsBoundary: boundary,
        InstanceProfileList: z.array(z.looseObject({ Arn: z.string().optional() })).nullish(),
        Tags: tags,
      }),
    )
    .nullish(),
  Policies: z
    .array(
      z.looseObject({
        PolicyName: z.string(),
        Arn: z.string(),
        DefaultVersionId: z.string().nullish(),
        PolicyVersionList: z.array(z.looseObject({ VersionId: z.string(), IsDefaultVersion: z.boolean().nullish(), Document: z.unknown() })).nullish(),
      }),
    )
    .nullish(),
});

export function ingestAwsIam(ctx: IngestContext, doc: ParsedDoc): void {
  const x = validate(ctx, doc, [], exportSchema, doc.value);
  if (!x) return;
  const parse = (raw: unknown, path: PathSegment[]): IamDocument | undefined => {
    try {
      return parseDocument(raw);
    } catch (err) {
      if (!(err instanceof DocumentError)) throw err;
      ctx.problem(doc, path, err.message);
      return undefined;
    }
  };
  const inlineRefs = (owner: string, list: { PolicyDocument?: unknown; [k: string]: unknown }[] | null | undefined, key: string, path: PathSegment[]): PolicyRef[] =>
    (list ?? []).flatMap((p, i) => {
      const d = parse(p.PolicyDocument, [...path, i, 'PolicyDocument']);
      return d ? [{ id: `${owner}#inline:${String(p.PolicyName ?? p[key])}`, document: d }] : [];
    });

  x.Policies?.forEach((p, i) => {
    const versions = (p.PolicyVersionList ?? []).flatMap((v, j) => {
      const d = parse(v.Document, ['Policies', i, 'PolicyVersionList', j, 'Document']);
      return d ? [{ id: v.VersionId, isDefault: v.IsDefaultVersion === true, document: d }] : [];
    });
    // Only the default version is in force: the entry marked IsDefaultVersion, else the one DefaultVersionId names.
    const def = versions.find((v) => v.isDefault) ?? versions.find((v) => v.id === p.DefaultVersionId);
    if (!def) return ctx.problem(doc, ['Policies', i], `policy ${p.Arn} has no default version in PolicyVersionList`);
    putPolicy(ctx, { arn: p.Arn, name: p.PolicyName, defaultVersion: def.id, document: def.document, otherVersions: versions.filter((v) => v !== def).map(({ id, document }) => ({ id, document })) }, { iac: false }, ctx.source(doc, ['Policies', i]));
  });

  const groupArns = new Map<string, string>();
  x.GroupDetailList?.forEach((g, i) => {
    groupArns.set(`${accountOf(g.Arn)}:${g.GroupName}`, g.Arn);
    add(ctx, doc, ['GroupDetailList', i], { arn: g.Arn, name: g.GroupName, kind: 'group', account: accountOf(g.Arn), ...meta(g.Path, g.GroupId), inline: inlineRefs(g.Arn, g.GroupPolicyList, 'PolicyName', ['GroupDetailList', i, 'GroupPolicyList']), attached: (g.AttachedManagedPolicies ?? []).map((a) => a.PolicyArn), groups: [], instanceProfiles: [] });
  });
  x.UserDetailList?.forEach((u, i) => {
    const account = accountOf(u.Arn);
    add(
      ctx,
      doc,
      ['UserDetailList', i],
      {
        arn: u.Arn,
        name: u.UserName,
        kind: 'user',
        account,
        ...meta(u.Path, u.UserId),
        inline: inlineRefs(u.Arn, u.UserPolicyList, 'PolicyName', ['UserDetailList', i, 'UserPolicyList']),
        attached: (u.AttachedManagedPolicies ?? []).map((a) => a.PolicyArn),
        groups: (u.GroupList ?? []).map((name) => groupArns.get(`${account}:${name}`) ?? `arn:aws:iam::${account}:group/${name}`),
        ...(u.PermissionsBoundary ? { boundary: u.PermissionsBoundary.PermissionsBoundaryArn } : {}),
        instanceProfiles: [],
      },
      u.Tags,
    );
  });
  x.RoleDetailList?.forEach((r, i) => {
    const trust = r.AssumeRolePolicyDocument === undefined ? undefined : parse(r.AssumeRolePolicyDocument, ['RoleDetailList', i, 'AssumeRolePolicyDocument']);
    add(
      ctx,
      doc,
      ['RoleDetailList', i],
      {
        arn: r.Arn,
        name: r.RoleName,
        kind: 'role',
        account: accountOf(r.Arn),
        ...meta(r.Path, r.RoleId),
        inline: inlineRefs(r.Arn, r.RolePolicyList, 'PolicyName', ['RoleDetailList', i, 'RolePolicyList']),
        attached: (r.AttachedManagedPolicies ?? []).map((a) => a.PolicyArn),
        groups: [],
        ...(r.PermissionsBoundary ? { boundary: r.PermissionsBoundary.PermissionsBoundaryArn } : {}),
        ...(trust ? { trust } : {}),
        instanceProfiles: (r.InstanceProfileList ?? []).flatMap((p) => (p.Arn ? [p.Arn] : [])),
      },
      r.Tags,
    );
  });
}

const meta = (path: string | null | undefined, id: string | null | undefined) => ({ ...(path ? { path } : {}), ...(id ? { id } : {}) });

function add(ctx: IngestContext, doc: ParsedDoc, path: PathSegment[], p: Omit<IamPrincipal, 'source'>, tagList?: { Key: string; Value: string }[] | null): void {
  declarePrincipal(ctx, p, tagList ?? [], ctx.source(doc, path), { iac: false }, (message) => ctx.problem(doc, [...path, 'Tags'], message));
}

/**
 * A principal and its graph identity, from an export or IaC: the tags owner/Owner and
 * tier/Tier set owner and tier; `badTier` reports a tier tag that is not 0, 1 or 2.
 */
export function declarePrincipal(ctx: IngestContext, p: Omit<IamPrincipal, 'source'>, tagList: readonly { Key: string; Value: string }[], source: Source, origin: Origin, badTier: (message: string) => void): void {
  const tag = (k: string) => tagList.find((t) => t.Key === k || t.Key === k[0]!.toUpperCase() + k.slice(1))?.Value;
  const tierTag = tag('tier');
  const tier = tierTag === '0' || tierTag === '1' || tierTag === '2' ? (Number(tierTag) as Tier) : undefined;
  if (tierTag !== undefined && tier === undefined) badTier(`tag tier must be 0, 1 or 2, got "${tierTag}"`);
  const owner = tag('owner');
  if (tagList.length) p = { ...p, tags: Object.fromEntries(tagList.map((t) => [t.Key, t.Value])) };
  const identity: Identity = {
    id: p.arn,
    name: p.name,
    kind: p.kind === 'user' ? 'aws-user' : p.kind === 'role' ? 'aws-role' : 'aws-group',
    ...(p.kind === 'user' ? { credential: { type: 'static' as const } } : p.kind === 'role' ? { credential: { type: 'short-lived' as const, ttlMinutes: 60 } } : {}),
    ...(owner ? { owner } : {}),
    ...(tier !== undefined ? { tier } : {}),
    source,
  };
  putPrincipal(ctx, { ...p, source }, identity, origin);
}

/**
 * Once every export is read: the administrator node of each account, resource nodes for what
 * policies name, and the attached policies the exports do not define.
 */
export function finalizeAwsIam(ctx: IngestContext): void {
  const m = ctx.model;
  commitPending(ctx);
  if (m.aws.principals.length === 0) return;
  const accounts = [...new Set(m.aws.principals.map((p) => p.account))].sort();
  for (const account of accounts) m.identities.push({ id: adminId(account), name: `administrator of ${account}`, kind: 'aws-account' });
  for (const p of m.aws.principals) {
    for (const a of [...p.attached, ...(p.boundary ? [p.boundary] : [])]) {
      if (m.aws.policies.has(a) || WELL_KNOWN_POLICIES.has(a) || m.aws.unknownPolicies.has(a)) continue;
      m.aws.unknownPolicies.add(a);
      // Not a skipped document, but the same kind of gap: say it where skips are listed.
      m.skipped.push({ file: p.source?.file ?? '<input>', doc: p.source?.doc ?? 0, kind: 'ManagedPolicy', cause: 'missing-policy', reason: `${a} (attached to ${p.arn}) is not in the inputs: its permissions are not evaluated; export with --filter LocalManagedPolicy AWSManagedPolicy to include it` });
    }
  }
  const known = new Set([...m.resources.map((r) => r.id), ...m.identities.map((i) => i.id)]);
  for (const r of resourceNodes(m.aws)) if (!known.has(r.id)) m.resources.push(r);
}

