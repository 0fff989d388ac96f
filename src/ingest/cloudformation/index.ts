/**
 * CloudFormation templates (YAML with the short-form tags, or JSON): a document with
 * `AWSTemplateFormatVersion`, or a `Resources` map of `AWS::` types. Nothing in a template
 * runs: parameters take `--cfn-param` values or their Default, pseudo parameters come from
 * `--account`/`--region` (the account otherwise falls back as for every IaC input), and
 * intrinsics are evaluated by intrinsics.ts. What only a deploy knows is a `Later` (its
 * decisions conditional); a resource under a condition lateral cannot decide exists only
 * conditionally.
 */
import { z } from 'zod';
import type { IngestContext } from '../context.js';
import type { ParsedDoc, PathSegment } from '../parse.js';
import { validate } from '../zod-problems.js';
import { stashIac } from '../iac/apply.js';
import { emptyInput, type IacInput, type Maybe, type PrincipalKind } from '../iac/declarations.js';
import { condition, IntrinsicError, NO_VALUE, resolve, Unknown, type TemplateScope } from './intrinsics.js';

const templateSchema = z.looseObject({
  AWSTemplateFormatVersion: z.string().optional(),
  Parameters: z.record(z.string(), z.looseObject({ Type: z.string(), Default: z.unknown().optional(), AllowedValues: z.array(z.unknown()).optional() })).optional(),
  Conditions: z.record(z.string(), z.unknown()).optional(),
  Mappings: z.record(z.string(), z.unknown()).optional(),
  Resources: z.record(z.string(), z.looseObject({ Type: z.string(), Condition: z.string().optional(), Properties: z.record(z.string(), z.unknown()).optional() })),
});

export function isCloudFormation(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if ('AWSTemplateFormatVersion' in value) return true;
  const r = (value as { Resources?: unknown }).Resources;
  return typeof r === 'object' && r !== null && Object.values(r).some((x) => typeof (x as { Type?: unknown })?.Type === 'string' && (x as { Type: string }).Type.startsWith('AWS::'));
}

export function ingestCloudFormation(ctx: IngestContext, doc: ParsedDoc): void {
  const t = validate(ctx, doc, [], templateSchema, doc.value);
  if (t) stashIac(ctx, { file: doc.file, build: (account) => templateInput(ctx, doc, t, account) });
}

type Template = z.infer<typeof templateSchema>;
const NAME: Record<string, [PrincipalKind, string]> = { 'AWS::IAM::Role': ['role', 'RoleName'], 'AWS::IAM::User': ['user', 'UserName'], 'AWS::IAM::Group': ['group', 'GroupName'] };
const ATTACHED_TO: [string, PrincipalKind][] = [['Roles', 'role'], ['Users', 'user'], ['Groups', 'group']];
const INLINE: Record<string, [PrincipalKind, string]> = { 'AWS::IAM::RolePolicy': ['role', 'RoleName'], 'AWS::IAM::UserPolicy': ['user', 'UserName'], 'AWS::IAM::GroupPolicy': ['group', 'GroupName'] };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The first value a deploy only knows, anywhere inside `v`. */
function unknownIn(v: unknown): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (typeof v !== 'object' || v === null) return undefined;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    const u = unknownIn(x);
    if (u) return u;
  }
  return undefined;
}

function templateInput(ctx: IngestContext, doc: ParsedDoc, t: Template, account: string): IacInput {
  const input = emptyInput(doc.file);
  const problem = (path: PathSegment[], message: string) => ctx.problem(doc, path, message);
  const parameters: Record<string, string | string[]> = {};
  const later: Record<string, Unknown> = {};
  for (const [name, p] of Object.entries(t.Parameters ?? {})) {
    const given = ctx.iac.parameters[name];
    const raw = given ?? (p.Default === undefined ? undefined : str(p.Default) ?? (Array.isArray(p.Default) ? p.Default.join(',') : undefined));
    if (p.Type.startsWith('AWS::SSM::Parameter::Value<')) {
      later[name] = new Unknown(`parameter ${name} (read from SSM at deploy)`);
      continue;
    }
    if (raw === undefined) {
      problem(['Parameters', name], `parameter ${name} has no Default: give --cfn-param ${name}=VALUE`);
      continue;
    }
    if (p.AllowedValues && !p.AllowedValues.map(String).includes(raw)) problem(['Parameters', name], `parameter ${name} is "${raw}", not one of its AllowedValues ${p.AllowedValues.map(String).join(', ')}`);
    parameters[name] = p.Type.startsWith('List<') || p.Type === 'CommaDelimitedList' ? raw.split(',').map((s) => s.trim()) : raw;
  }
  // Without every parameter's value the resources would only repeat the same problem.
  if (Object.keys(t.Parameters ?? {}).some((n) => parameters[n] === undefined && !later[n])) return input;
  const resources = t.Resources;
  const arn = (type: string, path: string, name: string) => `arn:aws:iam::${account}:${type}${path}${name}`;
  const prop = (id: string, key: string): unknown => {
    const v = resources[id]?.Properties?.[key];
    return v === undefined ? undefined : resolve(v, scope);
  };
  /** A principal's, policy's or profile's name: the property, else its logical id (the deploy picks a name). */
  const nameOf = (id: string, key: string) => str(prop(id, key)) ?? id;
  const pathOf = (id: string) => str(prop(id, 'Path')) ?? '/';
  const scope: TemplateScope = {
    parameters,
    pseudo: { 'AWS::AccountId': account, 'AWS::Region': ctx.iac.region ?? 'us-east-1', 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' },
    conditions: t.Conditions ?? {},
    mappings: t.Mappings ?? {},
    // SSM-typed parameters are not in `parameters`, so their Ref lands here.
    ref(id) {
      if (later[id]) return later[id];
      const r = resources[id];
      if (!r) return undefined;
      const n = NAME[r.Type];
      if (n || r.Type === 'AWS::IAM::InstanceProfile') return nameOf(id, n?.[1] ?? 'InstanceProfileName');
      if (r.Type === 'AWS::IAM::ManagedPolicy') return arn('policy', pathOf(id), nameOf(id, 'ManagedPolicyName'));
      if (r.Type === 'AWS::IAM::OIDCProvider') return oidcArn(id);
      if (r.Type === 'AWS::S3::Bucket' && str(prop(id, 'BucketName'))) return str(prop(id, 'BucketName'));
      return new Unknown(`Ref ${id} (${r.Type}, known at deploy)`);
    },
    getAtt(id, attribute) {
      const r = resources[id];
      if (!r) return undefined;
      const n = NAME[r.Type];
      if (n && attribute === 'Arn') return arn(n[0], pathOf(id), nameOf(id, n[1]));
      if (r.Type === 'AWS::IAM::InstanceProfile' && attribute === 'Arn') return arn('instance-profile', pathOf(id), nameOf(id, 'InstanceProfileName'));
      if (r.Type === 'AWS::IAM::ManagedPolicy' && attribute === 'PolicyArn') return arn('policy', pathOf(id), nameOf(id, 'ManagedPolicyName'));
      if (r.Type === 'AWS::IAM::OIDCProvider' && attribute === 'Arn') return oidcArn(id);
      if (r.Type === 'AWS::S3::Bucket' && attribute === 'Arn' && str(prop(id, 'BucketName'))) return `arn:aws:s3:::${str(prop(id, 'BucketName'))}`;
      return new Unknown(`${id}.${attribute} (${r.Type}, known at deploy)`);
    },
  };
  // An OIDC provider's ARN is its URL without the scheme, in the account.
  const oidcArn = (id: string) => {
    const url = str(prop(id, 'Url'));
    return url ? `arn:aws:iam::${account}:oidc-provider/${url.replace(/^https:\/\//, '')}` : new Unknown(`${id}.Url`);
  };

  for (const [id, r] of Object.entries(resources)) {
    if (!r.Type.startsWith('AWS::IAM::')) continue;
    const at: PathSegment[] = ['Resources', id];
    let onlyIf: string | undefined;
    let props: Record<string, unknown>;
    try {
      if (r.Condition !== undefined) {
        const c = condition(r.Condition, scope);
        if (c === false) continue;
        if (c instanceof Unknown) onlyIf = `condition ${r.Condition} (${c.why})`;
      }
      const v = r.Properties === undefined ? {} : resolve(r.Properties, scope);
      props = v !== NO_VALUE && typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
    } catch (err) {
      if (!(err instanceof IntrinsicError)) throw err;
      problem(r.Condition !== undefined && err.path.length === 0 ? [...at, 'Condition'] : [...at, 'Properties', ...err.path], err.message);
      continue;
    }
    const d = { source: ctx.source(doc, at), address: id, ...(onlyIf ? { onlyIf } : {}) };
    /** A value, or Later naming what a deploy decides in it. */
    const maybe = (key: string): Maybe<unknown> => {
      const u = unknownIn(props[key]);
      return u ? { later: `${id}.${key}: ${u.why}` } : props[key];
    };
    const text = (key: string): Maybe<string> | undefined => {
      const v = maybe(key);
      return typeof v === 'string' || (typeof v === 'object' && v !== null && 'later' in v) ? (v as Maybe<string>) : undefined;
    };
    const names = (key: string) => list(props[key]).flatMap((x) => (typeof x === 'string' ? [x] : []));
    // A whole list a deploy decides (an !If on an unknown condition, an import) is one unknown document or policy.
    const whole = (key: string) => (props[key] instanceof Unknown ? { later: `${id}.${key}: ${(props[key] as Unknown).why}` } : undefined);
    const inline = () =>
      whole('Policies') ? [{ name: 'unknown-until-deploy', document: whole('Policies')! }] : list(props.Policies).flatMap((p, i) => {
        const x = p as { PolicyName?: unknown; PolicyDocument?: unknown };
        const u = unknownIn(x?.PolicyDocument);
        return typeof x?.PolicyName === 'string' ? [{ name: x.PolicyName, document: u ? { later: `${id}.Policies[${i}]: ${u.why}` } : x.PolicyDocument }] : [];
      });
    const arns = (key: string): Maybe<string>[] => (whole(key) ? [whole(key)!] : list(props[key]).map((x, i) => (typeof x === 'string' ? x : { later: `${id}.${key}[${i}]: ${unknownIn(x)?.why ?? 'not a string'}` })));
    const named = NAME[r.Type];
    if (named) {
      const [kind, nameKey] = named;
      const boundary = text('PermissionsBoundary');
      input.principals.set(id, {
        ...d,
        kind,
        name: text(nameKey) ?? { later: `${id}.${nameKey}` },
        path: str(props.Path) ?? '/',
        ...(kind === 'role' ? { trust: maybe('AssumeRolePolicyDocument') } : {}),
        inline: inline(),
        attached: arns('ManagedPolicyArns'),
        ...(boundary !== undefined ? { boundary } : {}),
        groups: kind === 'user' ? names('Groups') : [],
        tags: list(props.Tags).flatMap((x) => {
          const tag = x as { Key?: unknown; Value?: unknown };
          return typeof tag?.Key === 'string' && typeof tag.Value === 'string' ? [{ Key: tag.Key, Value: tag.Value }] : [];
        }),
      });
    } else if (r.Type === 'AWS::IAM::ManagedPolicy') {
      input.policies.set(id, { ...d, name: text('ManagedPolicyName') ?? { later: `${id}.ManagedPolicyName` }, path: str(props.Path) ?? '/', document: maybe('PolicyDocument') });
      for (const [key, kind] of ATTACHED_TO) for (const n of names(key)) input.attachments.push({ ...d, to: { kind, name: n }, policy: { key: id } });
    } else if (r.Type === 'AWS::IAM::Policy') {
      const name = str(props.PolicyName) ?? id;
      for (const [key, kind] of ATTACHED_TO) for (const n of names(key)) input.inlines.push({ ...d, to: { kind, name: n }, name, document: maybe('PolicyDocument') });
    } else if (INLINE[r.Type]) {
      const [kind, key] = INLINE[r.Type]!;
      const to = str(props[key]);
      if (to) input.inlines.push({ ...d, to: { kind, name: to }, name: str(props.PolicyName) ?? id, document: maybe('PolicyDocument') });
    } else if (r.Type === 'AWS::IAM::UserToGroupAddition') {
      const group = str(props.GroupName);
      if (group) for (const user of names('Users')) input.memberships.push({ ...d, user, groups: [group] });
    } else if (r.Type === 'AWS::IAM::InstanceProfile') {
      const role = names('Roles')[0];
      if (role) input.instanceProfiles.push({ ...d, name: text('InstanceProfileName') ?? { later: `${id}.InstanceProfileName` }, path: str(props.Path) ?? '/', role });
    }
  }
  return input;
}
