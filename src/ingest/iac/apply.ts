/**
 * Infrastructure as code into the IAM model, once every input is read (an export read later
 * still loses to it): names resolve to ARNs in the input's account, documents parse with the
 * export's document parser, and what is known only after apply becomes a document whose
 * decisions are conditional (unknown.ts). Attachments, inline policies and memberships may
 * be about a principal the export holds (a pull request that attaches a policy to an existing
 * role): they change that principal, and a note says so.
 */
import type { IamDocument, IamPrincipal, ManagedPolicy, PolicyRef } from '../../model/aws.js';
import type { Source } from '../../model/model.js';
import type { IngestContext } from '../context.js';
import { formatPath } from '../parse.js';
import { DocumentError, parseDocument } from '../aws-iam/document.js';
import { declarePrincipal } from '../aws-iam/index.js';
import { at, deleteArn, pendingOf, putPolicy } from '../aws-iam/pending.js';
import { isLater, type Declared, type IacInput, type IacPrincipal, type Maybe, type Target } from './declarations.js';
import { onlyIf, unknownPermissions, unknownTrust } from './unknown.js';

/** The account of ARNs when neither the input, `--account` nor a one-account export says. */
export const PLACEHOLDER_ACCOUNT = '000000000000';

interface Stashed {
  file: string;
  /** The account the input itself states (a Terraform plan's caller identity or known ARNs). */
  account?: string;
  build: (account: string) => IacInput;
}

const stashed = new WeakMap<IngestContext, Stashed[]>();

/** An IaC input read; it is built once every input is in, when the account it falls back to is known. */
export function stashIac(ctx: IngestContext, input: Stashed): void {
  const list = stashed.get(ctx) ?? [];
  stashed.set(ctx, list);
  list.push(input);
}

export function finalizeIac(ctx: IngestContext): void {
  const list = stashed.get(ctx);
  if (!list) return;
  stashed.delete(ctx);
  const exported = [...pendingOf(ctx).principals.values()].filter((e) => !e.origin.iac).map((e) => e.value.principal);
  const accounts = [...new Set(exported.map((p) => p.account))];
  for (const s of list) {
    let account = s.account ?? ctx.iac.account ?? (accounts.length === 1 ? accounts[0] : undefined);
    if (!account) {
      account = PLACEHOLDER_ACCOUNT;
      const why = accounts.length ? `the export holds ${accounts.length} accounts` : 'no input names it';
      ctx.model.aws.notes.push({ kind: 'iac-placeholder', why: `the account of its objects is unknown (${why}): ARNs use ${PLACEHOLDER_ACCOUNT}; give --account`, file: s.file });
    }
    apply(ctx, s.build(account), account, exported);
  }
}

const later = (why: Maybe<unknown>) => (isLater(why) ? why.later : undefined);
const safeName = (key: string) => key.replace(/[^\w+=,.@-]+/g, '-');

function apply(ctx: IngestContext, input: IacInput, account: string, exported: readonly IamPrincipal[]): void {
  const notes = ctx.model.aws.notes;
  const unknown = (why: string, d: Declared) => notes.push({ kind: 'iac-unknown', why: `${d.address}: ${why} is unknown until apply: the decisions it takes part in are conditional`, ...at(d.source) });
  const name = (n: Maybe<string>, d: Declared, what: string): string => {
    if (!isLater(n)) return n;
    notes.push({ kind: 'iac-placeholder', why: `${d.address}: its ${what} name is chosen at apply: shown as ${safeName(d.address)}`, ...at(d.source) });
    return safeName(d.address);
  };
  const arnOf = (type: string, path: string, n: string) => `arn:aws:iam::${account}:${type}${path}${n}`;
  const parsed = (raw: Maybe<unknown>, d: Declared, what: string, trust: boolean): IamDocument | undefined => {
    const why = later(raw);
    let doc: IamDocument | undefined;
    if (why !== undefined) {
      unknown(what, d);
      doc = trust ? unknownTrust(why) : unknownPermissions(why);
    } else {
      try {
        doc = parseDocument(raw);
      } catch (err) {
        if (!(err instanceof DocumentError)) throw err;
        ctx.problems.push(problem(d.source, `${what}: ${err.message}`));
        return undefined;
      }
    }
    return d.onlyIf ? onlyIf(doc, d.onlyIf) : doc;
  };

  // Managed policies first: attachments name them by key.
  const policyArns = new Map<string, string>();
  for (const [key, p] of input.policies) {
    const policyName = name(p.name, p, 'policy');
    const arn = p.arn ?? arnOf('policy', p.path, policyName);
    policyArns.set(key, arn);
    const document = parsed(p.document, p, 'its policy document', false);
    if (document) putPolicy(ctx, { arn, name: policyName, defaultVersion: 'v1', document, otherVersions: [] } satisfies ManagedPolicy, { iac: true, address: p.address }, p.source);
  }
  /** A document known only at apply, as a policy of its own that attachments and boundaries can name. */
  const unknownPolicy = (why: string, d: Declared): string => {
    const arn = arnOf('policy', '/lateral-unknown-until-apply/', safeName(why));
    unknown(why, d);
    putPolicy(ctx, { arn, name: why, defaultVersion: 'v1', document: unknownPermissions(why), otherVersions: [] }, { iac: true, address: d.address }, d.source);
    return arn;
  };
  const policyArn = (v: Maybe<string> | { key: string }, d: Declared): string | undefined => {
    if (typeof v === 'string') return v;
    if ('key' in v) return policyArns.get(v.key);
    return unknownPolicy(v.later, d);
  };

  // Principals, by kind and name for what refers to them.
  const mine = new Map<string, { principal: Omit<IamPrincipal, 'source'>; d: IacPrincipal }>();
  const byKey = new Map<string, Omit<IamPrincipal, 'source'>>();
  for (const [key, p] of input.principals) {
    const n = name(p.name, p, p.kind);
    const arn = p.arn ?? arnOf(p.kind, p.path, n);
    const trust = p.trust === undefined ? undefined : parsed(p.trust, p, 'its trust policy', true);
    const inline: PolicyRef[] = p.inline.flatMap((i) => {
      const document = parsed(i.document, p, `inline policy ${i.name}`, false);
      return document ? [{ id: `${arn}#inline:${i.name}`, document }] : [];
    });
    const attached = p.attached.flatMap((a) => policyArn(a, p) ?? []);
    const boundary = p.boundary === undefined ? undefined : policyArn(p.boundary, p);
    const principal: Omit<IamPrincipal, 'source'> = { arn, name: n, kind: p.kind, account, path: p.path, inline, attached, groups: [], ...(boundary ? { boundary } : {}), ...(trust ? { trust } : {}), instanceProfiles: [] };
    mine.set(`${p.kind}:${n}`, { principal, d: p });
    byKey.set(key, principal);
  }
  const groupArn = (g: string) => mine.get(`group:${g}`)?.principal.arn ?? exported.find((e) => e.kind === 'group' && e.account === account && e.name === g)?.arn ?? arnOf('group', '/', g);
  for (const { principal, d } of mine.values()) if (principal.kind === 'user') principal.groups = d.groups.map(groupArn);

  /** The principal a declaration is about: this input's, else the export's (noted), else none (noted). */
  const target = (t: Target, d: Declared, change: string): Pick<IamPrincipal, 'arn' | 'inline' | 'attached' | 'groups' | 'instanceProfiles'> | undefined => {
    if ('key' in t) return byKey.get(t.key);
    const own = mine.get(`${t.kind}:${t.name}`);
    if (own) return own.principal;
    const theirs = exported.find((e) => e.kind === t.kind && e.account === account && e.name === t.name);
    // Taking a policy from a principal that is gone, or that no input holds, changes nothing.
    const removal = change.startsWith('detaches') || change.startsWith('removes');
    if (theirs && removal && input.deletes.some((x) => x.arn === theirs.arn)) return undefined;
    if (theirs) {
      notes.push({ kind: 'iac-changes', why: `${d.address} in ${d.source.file} ${change} the export's ${theirs.arn}`, ...at(d.source) });
      return theirs;
    }
    if (removal) return undefined;
    notes.push({ kind: 'iac-dangling', why: `${d.address}: ${t.kind} ${t.name} is in no input (account ${account}): not evaluated`, ...at(d.source) });
    return undefined;
  };
  for (const a of input.attachments) {
    const arn = policyArn(a.policy, a);
    if (!arn) continue;
    const p = target(a.to, a, `attaches ${arn} to`);
    if (p && !p.attached.includes(arn)) p.attached.push(arn);
  }
  for (const i of input.inlines) {
    const p = target(i.to, i, `sets inline policy ${i.name} of`);
    const document = p && parsed(i.document, i, `inline policy ${i.name}`, false);
    if (!p || !document) continue;
    const id = `${p.arn}#inline:${i.name}`;
    const k = p.inline.findIndex((x) => x.id === id);
    if (k >= 0) p.inline[k] = { id, document };
    else p.inline.push({ id, document });
  }
  for (const m of input.memberships) {
    const p = target({ kind: 'user', name: m.user }, m, `adds groups ${m.groups.join(', ')} to`);
    if (p) for (const g of m.groups.map(groupArn)) if (!p.groups.includes(g)) p.groups.push(g);
  }
  for (const ip of input.instanceProfiles) {
    const p = target({ kind: 'role', name: ip.role }, ip, 'adds an instance profile to');
    const arn = ip.arn ?? arnOf('instance-profile', ip.path, name(ip.name, ip, 'instance profile'));
    if (p && !p.instanceProfiles.includes(arn)) p.instanceProfiles.push(arn);
  }
  for (const { principal, d } of mine.values()) {
    declarePrincipal(ctx, principal, d.tags, d.source, { iac: true, address: d.address }, (message) => ctx.problems.push(problem(d.source, message)));
  }
  for (const a of input.detachments) {
    const p = typeof a.policy === 'string' ? target(a.to, a, `detaches ${a.policy} from`) : undefined;
    if (p) p.attached = p.attached.filter((x) => x !== a.policy);
  }
  for (const i of input.inlineRemovals) {
    const p = target(i.to, i, `removes inline policy ${i.name} from`);
    if (p) p.inline = p.inline.filter((x) => x.id !== `${p.arn}#inline:${i.name}`);
  }
  for (const x of input.deletes) deleteArn(ctx, x.arn, x.address, x.source);
}

function problem(s: Source, message: string) {
  return { file: s.file, line: s.line, path: formatPath(s.path), message };
}
