/**
 * IAM objects as read, before every input is in: principals and managed policies by ARN,
 * each with where it comes from. Exports are snapshots of the account; infrastructure as
 * code (a Terraform plan, a CloudFormation template) is the change a pull request makes, so
 * an object IaC declares replaces the export's object of the same ARN whatever the reading
 * order, and an object IaC deletes leaves the export's model. Two objects of one origin:
 * the later read wins, as before.
 */
import type { IamPrincipal, ManagedPolicy } from '../../model/aws.js';
import type { Identity, Source } from '../../model/model.js';
import type { IngestContext } from '../context.js';

export type Origin = { iac: false } | { iac: true; address: string };

interface Entry<T> {
  value: T;
  origin: Origin;
  source: Source | undefined;
}

interface Pending {
  principals: Map<string, Entry<{ principal: IamPrincipal; identity: Identity }>>;
  policies: Map<string, Entry<ManagedPolicy>>;
  /** ARNs an IaC input deletes, with the address and source that delete them. */
  deleted: Map<string, { address: string; source: Source }>;
}

const state = new WeakMap<IngestContext, Pending>();

export function pendingOf(ctx: IngestContext): Pending {
  let p = state.get(ctx);
  if (!p) state.set(ctx, (p = { principals: new Map(), policies: new Map(), deleted: new Map() }));
  return p;
}

export function dropPending(ctx: IngestContext): void {
  state.delete(ctx);
}

const where = (s: Source | undefined) => s?.file ?? '<input>';
const named = (o: Origin, s: Source | undefined) => (o.iac ? `${where(s)} (${o.address})` : where(s));

/** Records `value` under `arn` unless an object of higher precedence holds it; says what was replaced. */
function put<T>(ctx: IngestContext, map: Map<string, Entry<T>>, arn: string, kind: string | undefined, entry: Entry<T>): void {
  const earlier = map.get(arn);
  if (earlier) {
    if (earlier.origin.iac !== entry.origin.iac) {
      const [iac, exported] = earlier.origin.iac ? [earlier, entry] : [entry, earlier];
      ctx.model.aws.notes.push({ kind: 'iac-replaces', why: `${arn} declared in ${named(iac.origin, iac.source)} replaces the export's in ${where(exported.source)}`, ...at(iac.source) });
      if (earlier.origin.iac) return;
    } else if (kind) {
      const s = earlier.source;
      ctx.model.skipped.push({ file: where(s), doc: s?.doc ?? 0, kind, cause: 'defined-twice', reason: `${arn} is defined again in ${named(entry.origin, entry.source)}: the later definition is used` });
    }
    // A principal read again moves to the end, in reading order; a policy keeps its place.
    if (kind) map.delete(arn);
  }
  map.set(arn, entry);
}

export function putPrincipal(ctx: IngestContext, principal: IamPrincipal, identity: Identity, origin: Origin): void {
  put(ctx, pendingOf(ctx).principals, principal.arn, principal.kind, { value: { principal, identity }, origin, source: principal.source });
}

export function putPolicy(ctx: IngestContext, policy: ManagedPolicy, origin: Origin, source: Source | undefined): void {
  // Exports of one account repeat its managed policies: a policy read again replaces the earlier silently.
  put(ctx, pendingOf(ctx).policies, policy.arn, undefined, { value: policy, origin, source });
}

/** An object the IaC input deletes: the export's object of that ARN is left out of the model. */
export function deleteArn(ctx: IngestContext, arn: string, address: string, source: Source): void {
  pendingOf(ctx).deleted.set(arn, { address, source });
}

/** Moves what was read into the model, leaving out the export's objects IaC deletes. */
export function commitPending(ctx: IngestContext): void {
  const p = pendingOf(ctx);
  const aws = ctx.model.aws;
  const gone = (arn: string, e: Entry<unknown>): boolean => {
    const d = p.deleted.get(arn);
    if (!d || e.origin.iac) return false;
    aws.notes.push({ kind: 'iac-deletes', why: `${arn} is deleted by ${d.source.file} (${d.address}): the export's in ${where(e.source)} is left out`, ...at(d.source) });
    return true;
  };
  for (const [arn, e] of p.policies) if (!gone(arn, e)) aws.policies.set(arn, e.value);
  for (const [arn, e] of p.principals) {
    if (gone(arn, e)) continue;
    aws.principals.push(e.value.principal);
    ctx.model.identities.push(e.value.identity);
  }
  dropPending(ctx);
}

export function at(s: Source | undefined): { file?: string; line?: number } {
  return s ? { file: s.file, ...(s.line !== undefined ? { line: s.line } : {}) } : {};
}
