/**
 * Role trust policies: who may call sts:AssumeRole (or AssumeRoleWithWebIdentity) on a
 * role. A statement's Principal names an ARN, an account (its id or `:root`), `*`, a
 * service (`ec2.amazonaws.com`) or a federated provider (an OIDC provider ARN); an explicit
 * Deny wins. How the trust names the caller — its ARN, a session of it, `*`, or only its
 * account — matters for AWS's same-account rule and for permissions boundaries, applied by
 * the caller of this module (IamEngine.canAssume).
 *
 * From "AWS JSON policy elements: Principal": an account id and `arn:aws:iam::<id>:root`
 * are the same — they name the account and delegate to its identity policies ("the account
 * administrator"); a role ARN names the role, and a session ARN
 * `arn:aws:sts::<id>:assumed-role/<role>/<session>` one session of it; `"*"` (or
 * `{"AWS": "*"}`) names everyone. Wildcards are not expanded inside principal ARNs. A
 * principal stored as a unique id (`AROA…`, left when the named principal was deleted)
 * matches no one.
 */
import type { IamDocument, IamStatement, PrincipalSpec } from '../../model/aws.js';
import { evaluateConditions, type RequestContext } from './conditions.js';
import { compileWildcard } from './wildcard.js';
import type { Origin } from './evaluate.js';

export type TrustCaller = { kind: 'aws'; arn: string; account: string; roleName?: string } | { kind: 'service'; service: string } | { kind: 'federated'; provider: string };

/** How a statement names the caller: its ARN, a session of its role, everyone (`*`), or its account. */
export type NamedBy = 'arn' | 'session' | 'wildcard' | 'account';

export interface TrustResult {
  decision: 'allow' | 'conditional' | 'deny';
  /** The trust names the caller (its ARN, a session of it, or `*`), not only its account. */
  namesCaller: boolean;
  namedBy?: NamedBy;
  origin?: Origin;
  reason: string;
  unknownKeys: string[];
}

const RANK: Record<NamedBy, number> = { account: 0, arn: 1, session: 2, wildcard: 2 };
const better = (a: NamedBy | undefined, b: NamedBy | undefined) => (b === undefined ? a : a === undefined || RANK[b] > RANK[a] ? b : a);

const ROOT = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;
const SESSION = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;

/** What an AWS principal entry of a trust policy names; an ARN entry is compared as written. */
export type AwsEntry = { kind: 'wildcard' } | { kind: 'account'; account: string } | { kind: 'arn'; arn: string; session?: { account: string; roleName: string } };

export function classifyAwsEntry(entry: string): AwsEntry {
  if (entry === '*') return { kind: 'wildcard' };
  if (/^\d{12}$/.test(entry)) return { kind: 'account', account: entry };
  const root = entry.match(ROOT);
  if (root) return { kind: 'account', account: root[1]! };
  // A session of a role: arn:aws:sts::<account>:assumed-role/<name>/<session> (the session
  // name is the caller's choice, so any named session is one the role can open).
  const session = entry.match(SESSION);
  return session ? { kind: 'arn', arn: entry, session: { account: session[1]!, roleName: session[2]! } } : { kind: 'arn', arn: entry };
}

function awsMatch(entry: string, c: Extract<TrustCaller, { kind: 'aws' }>): NamedBy | undefined {
  const e = classifyAwsEntry(entry);
  if (e.kind === 'wildcard') return 'wildcard';
  if (e.kind === 'account') return e.account === c.account ? 'account' : undefined;
  if (e.arn === c.arn) return 'arn';
  if (e.session && c.roleName && e.session.account === c.account && e.session.roleName === c.roleName) return 'session';
  return undefined;
}

function principalMatch(spec: PrincipalSpec, c: TrustCaller): NamedBy | undefined {
  if (spec === '*') return 'wildcard';
  let best: NamedBy | undefined;
  for (const [type, entries] of Object.entries(spec)) {
    for (const e of entries) {
      let m: NamedBy | undefined;
      if (type === 'AWS' && c.kind === 'aws') m = awsMatch(e, c);
      else if (type === 'Service' && c.kind === 'service') m = e === '*' || e.toLowerCase() === c.service.toLowerCase() ? 'arn' : undefined;
      else if (type === 'Federated' && c.kind === 'federated') m = e === '*' || e === c.provider ? 'arn' : undefined;
      best = better(best, m);
    }
  }
  return best;
}

function statementMatch(s: IamStatement, c: TrustCaller): NamedBy | undefined {
  if (s.principal) return principalMatch(s.principal, c);
  // "You cannot use the NotPrincipal element in an IAM identity-based policy nor in an IAM
  // role trust policy": IAM refuses such a trust policy, so none is in a real export. A
  // hand-written one is read as the attacker's worst case: everyone not listed is named.
  if (s.notPrincipal) return principalMatch(s.notPrincipal, c) ? undefined : 'wildcard';
  return undefined;
}

/**
 * The AWS principals an Allow statement of a trust policy can name, for an index of roles
 * by who they trust; `everyone` when it may name any caller (`*`, NotPrincipal).
 */
export function trustedAwsEntries(s: IamStatement): AwsEntry[] | 'everyone' {
  if (s.principal === '*' || (!s.principal && s.notPrincipal)) return 'everyone';
  return (s.principal?.AWS ?? []).map(classifyAwsEntry);
}

function actionMatch(s: IamStatement, action: string): boolean {
  if (s.action) return s.action.some((p) => compileWildcard(p, true)(action));
  if (s.notAction) return !s.notAction.some((p) => compileWildcard(p, true)(action));
  return false;
}

/**
 * The trust policy's answer for `caller` and `action` (sts:AssumeRole,
 * sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML, sts:TagSession…). Conditions are
 * evaluated on `context` (e.g. `token.actions.githubusercontent.com:sub`); a key it lacks
 * makes the answer conditional. A Deny whose condition is undecided cannot be relied on to
 * block, so it leaves the allow standing (the caller sees it among the unknown keys).
 */
export function evaluateTrust(role: string, trust: IamDocument | undefined, caller: TrustCaller, action: string, context: RequestContext = { values: {} }): TrustResult {
  const who = caller.kind === 'aws' ? caller.arn : caller.kind === 'service' ? caller.service : caller.provider;
  if (!trust) return { decision: 'deny', namesCaller: false, reason: `${role} has no trust policy in the inputs`, unknownKeys: [] };
  let allow: TrustResult | undefined;
  const undecidedDenies: string[] = [];
  for (const s of trust.statements) {
    const named = statementMatch(s, caller);
    if (!named || !actionMatch(s, action)) continue;
    const cond = s.condition ? evaluateConditions(s.condition, context) : { result: 'true' as const, unknownKeys: [] };
    if (cond.result === 'false') continue;
    const origin: Origin = { policy: `${role}#trust`, statement: s.index, ...(s.sid ? { sid: s.sid } : {}) };
    if (s.effect === 'Deny') {
      if (cond.result === 'true') return { decision: 'deny', namesCaller: false, origin, reason: `the trust policy of ${role} denies ${action} to ${who} (statement ${s.sid ?? s.index})`, unknownKeys: [] };
      undecidedDenies.push(...cond.unknownKeys);
      continue;
    }
    const namesCaller = named !== 'account';
    const candidate: TrustResult = {
      decision: cond.result === 'true' ? 'allow' : 'conditional',
      namesCaller,
      namedBy: named,
      origin,
      reason: `the trust policy of ${role} (statement ${s.sid ?? s.index}) trusts ${namesCaller ? who : `the account of ${who}`}${cond.result === 'unknown' ? ` if ${cond.unknownKeys.join(', ')} hold` : ''}`,
      unknownKeys: cond.unknownKeys,
    };
    // Prefer a definite allow, then the strongest naming of the caller.
    if (!allow || (allow.decision !== 'allow' && candidate.decision === 'allow') || (allow.decision === candidate.decision && RANK[named] > RANK[allow.namedBy!])) allow = candidate;
  }
  if (!allow) return { decision: 'deny', namesCaller: false, reason: `the trust policy of ${role} does not trust ${who} for ${action}`, unknownKeys: [] };
  if (undecidedDenies.length) {
    return { ...allow, decision: 'conditional', reason: `${allow.reason}, unless a Deny applies (${undecidedDenies.join(', ')})`, unknownKeys: [...allow.unknownKeys, ...undecidedDenies] };
  }
  return allow;
}
