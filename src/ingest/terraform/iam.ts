/**
 * The AWS provider's IAM resources (attribute names from its resource documentation) as IaC
 * declarations. Names and ARNs are read where known; an attribute in `after_unknown` is a
 * `Later` named by its address, except where the configuration shows which resource of this
 * plan the value is (`policy_arn = aws_iam_policy.deploy.arn`): then the reference is kept.
 * Attachments of every kind, inline policies and memberships refer to principals by name.
 */
import type { Source } from '../../model/model.js';
import { emptyInput, type IacInput, type Maybe, type PrincipalKind, type Target } from '../iac/declarations.js';
import { referencesOf, unknownAt, type Plan, type TfResource } from './plan.js';

const PRINCIPALS: Record<string, PrincipalKind> = { aws_iam_role: 'role', aws_iam_user: 'user', aws_iam_group: 'group' };
const INLINE: Record<string, PrincipalKind> = { aws_iam_role_policy: 'role', aws_iam_user_policy: 'user', aws_iam_group_policy: 'group' };
const ATTACH: Record<string, PrincipalKind> = { aws_iam_role_policy_attachment: 'role', aws_iam_user_policy_attachment: 'user', aws_iam_group_policy_attachment: 'group' };
const ATTACH_MANY: [string, PrincipalKind][] = [['roles', 'role'], ['users', 'user'], ['groups', 'group']];

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function iamInput(file: string, plan: Plan, resources: readonly TfResource[], deleted: readonly TfResource[], sourceOf: (r: TfResource) => Source): IacInput {
  const input = emptyInput(file);
  const keys = (match: (type: string) => boolean) => new Set(resources.filter((r) => r.mode === 'managed' && match(r.type)).map((r) => r.address));
  const policyKeys = keys((t) => t === 'aws_iam_policy');
  const principalKeys = keys((t) => t in PRINCIPALS);
  for (const r of resources) {
    if (r.mode !== 'managed') continue;
    const d = { source: sourceOf(r), address: r.address };
    const v = r.values;
    /** The attribute's value, or Later when it is known only after apply. */
    const get = (attr: string): Maybe<unknown> => (unknownAt(r.unknown, [attr]) ? { later: `${r.address}.${attr}` } : v[attr]);
    const str = (attr: string, fallback = ''): Maybe<string> => {
      const x = get(attr);
      return typeof x === 'string' ? x : typeof x === 'object' && x !== null ? (x as { later: string }) : fallback;
    };
    const known = (attr: string) => {
      const x = get(attr);
      return typeof x === 'string' && x !== '' ? x : undefined;
    };
    /** A policy ARN: known, or this plan's policy the configuration names, or Later. */
    const policyArn = (attr: string): Maybe<string> | { key: string } => {
      const x = str(attr);
      if (typeof x === 'string') return x;
      const ref = referencesOf(plan, r, attr).find((a) => a.endsWith('.arn') && policyKeys.has(a.slice(0, -'.arn'.length)));
      return ref ? { key: ref.slice(0, -'.arn'.length) } : x;
    };
    const name = (attr: string): string | undefined => known(attr);
    /** The principal an attribute names: by name, or this plan's principal whose name the configuration says it is. */
    const to = (attr: string, k: PrincipalKind): Target | undefined => {
      const n = known(attr);
      if (n) return { kind: k, name: n };
      const ref = referencesOf(plan, r, attr).find((a) => /\.(name|id)$/.test(a) && principalKeys.has(a.replace(/\.(name|id)$/, '')));
      return ref ? { kind: k, key: ref.replace(/\.(name|id)$/, '') } : undefined;
    };
    const kind = PRINCIPALS[r.type];
    if (kind) {
      const tagMap = (get('tags_all') ?? get('tags')) as unknown;
      const tags = typeof tagMap === 'object' && tagMap !== null && !('later' in tagMap) ? Object.entries(tagMap as Record<string, unknown>).flatMap(([Key, Value]) => (typeof Value === 'string' ? [{ Key, Value }] : [])) : [];
      const inline = Array.isArray(v.inline_policy)
        ? v.inline_policy.flatMap((p: unknown, i) => {
            const x = p as { name?: unknown; policy?: unknown };
            if (typeof x.name !== 'string' || x.name === '') return [];
            return [{ name: x.name, document: unknownAt(r.unknown, ['inline_policy', i, 'policy']) ? { later: `${r.address}.inline_policy[${i}].policy` } : x.policy }];
          })
        : [];
      // A whole attribute unknown until apply (a list computed from new resources) is one unknown document or policy.
      if (unknownAt(r.unknown, ['inline_policy']) && !Array.isArray(v.inline_policy)) inline.push({ name: 'unknown-until-apply', document: { later: `${r.address}.inline_policy` } });
      const attached: Maybe<string>[] = unknownAt(r.unknown, ['managed_policy_arns']) && !Array.isArray(v.managed_policy_arns) ? [{ later: `${r.address}.managed_policy_arns` }] : strings(v.managed_policy_arns);
      const boundary = str('permissions_boundary');
      input.principals.set(r.address, {
        ...d,
        kind,
        name: str('name'),
        path: known('path') ?? '/',
        ...(known('arn') ? { arn: known('arn')! } : {}),
        ...(kind === 'role' ? { trust: get('assume_role_policy') } : {}),
        inline,
        attached,
        ...(boundary !== '' ? { boundary } : {}),
        groups: [],
        tags,
      });
      continue;
    }
    if (r.type === 'aws_iam_policy') {
      input.policies.set(r.address, { ...d, name: str('name'), path: known('path') ?? '/', ...(known('arn') ? { arn: known('arn')! } : {}), document: get('policy') });
      continue;
    }
    const inlineKind = INLINE[r.type];
    if (inlineKind) {
      const t = to(inlineKind, inlineKind);
      const policyName = name('name');
      if (t && policyName) input.inlines.push({ ...d, to: t, name: policyName, document: get('policy') });
      continue;
    }
    const attachKind = ATTACH[r.type];
    if (attachKind) {
      const t = to(attachKind, attachKind);
      if (t) input.attachments.push({ ...d, to: t, policy: policyArn('policy_arn') });
      continue;
    }
    if (r.type === 'aws_iam_policy_attachment') {
      for (const [attr, k] of ATTACH_MANY) {
        // A list of names known only after apply: the configuration says which of this plan's principals it names.
        const targets: Target[] = unknownAt(r.unknown, [attr])
          ? referencesOf(plan, r, attr).flatMap((a) => (/\.(name|id)$/.test(a) && principalKeys.has(a.replace(/\.(name|id)$/, '')) ? [{ kind: k, key: a.replace(/\.(name|id)$/, '') }] : []))
          : strings(v[attr]).map((n) => ({ kind: k, name: n }));
        for (const to of targets) input.attachments.push({ ...d, to, policy: policyArn('policy_arn') });
      }
      continue;
    }
    if (r.type === 'aws_iam_group_membership') {
      const group = name('group');
      if (group) for (const user of strings(v.users)) input.memberships.push({ ...d, user, groups: [group] });
      continue;
    }
    if (r.type === 'aws_iam_user_group_membership') {
      const user = name('user');
      if (user) input.memberships.push({ ...d, user, groups: strings(v.groups) });
      continue;
    }
    if (r.type === 'aws_iam_instance_profile') {
      const role = name('role');
      if (role) input.instanceProfiles.push({ ...d, name: str('name'), path: known('path') ?? '/', ...(known('arn') ? { arn: known('arn')! } : {}), role });
    }
  }
  for (const r of deleted) {
    if (r.mode !== 'managed') continue;
    const d = { source: sourceOf(r), address: r.address };
    const v = r.values;
    const text = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
    const arn = text('arn');
    if (arn && (PRINCIPALS[r.type] || r.type === 'aws_iam_policy')) input.deletes.push({ arn, ...d });
    const attachKind = ATTACH[r.type];
    const policy = text('policy_arn');
    if (attachKind && text(attachKind) && policy) input.detachments.push({ ...d, to: { kind: attachKind, name: text(attachKind)! }, policy });
    if (r.type === 'aws_iam_policy_attachment' && policy) for (const [attr, k] of ATTACH_MANY) for (const n of strings(v[attr])) input.detachments.push({ ...d, to: { kind: k, name: n }, policy });
    const inlineKind = INLINE[r.type];
    if (inlineKind && text(inlineKind) && text('name')) input.inlineRemovals.push({ ...d, to: { kind: inlineKind, name: text(inlineKind)! }, name: text('name')! });
  }
  return input;
}
