/**
 * Role trust policies: who may call sts:AssumeRole (or AssumeRoleWithWebIdentity) on a
 * role. A statement's Principal names an ARN, an account (its id or `:root`), `*`, a
 * service (`ec2.amazonaws.com`) or a federated provider (an OIDC provider ARN); an explicit
 * Deny wins. Whether the trust names the caller itself or only its account matters for
 * AWS's same-account rule, applied by the caller of this module.
 */
import type { IamDocument, IamStatement, PrincipalSpec } from '../../model/aws.js';
import { evaluateConditions, type RequestContext } from './conditions.js';
import { compileWildcard } from './wildcard.js';
import type { Origin } from './evaluate.js';

export type TrustCaller = { kind: 'aws'; arn: string; account: string; roleName?: string } | { kind: 'service'; service: string } | { kind: 'federated'; provider: string };

export interface TrustResult {
  decision: 'allow' | 'conditional' | 'deny';
  /** The trust names the caller (its ARN or `*`), not only its account. */
  namesCaller: boolean;
  origin?: Origin;
  reason: string;
  unknownKeys: string[];
}

type Named = 'caller' | 'account' | undefined;

function awsMatch(entry: string, c: Extract<TrustCaller, { kind: 'aws' }>): Named {
  if (entry === '*') return 'caller';
  if (/^\d{12}$/.test(entry)) return entry === c.account ? 'account' : undefined;
  if (entry === `arn:aws:iam::${c.account}:root`) return 'account';
  if (entry === c.arn) return 'caller';
  // A session of the caller's role: arn:aws:sts::<account>:assumed-role/<name>/<session>.
  const session = entry.match(/^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/);
  if (session && c.roleName && session[1] === c.account && session[2] === c.roleName) return 'caller';
  return undefined;
}

function principalMatch(spec: PrincipalSpec, c: TrustCaller): Named {
  if (spec === '*') return 'caller';
  let best: Named;
  for (const [type, entries] of Object.entries(spec)) {
    for (const e of entries) {
      let m: Named;
      if (type === 'AWS' && c.kind === 'aws') m = awsMatch(e, c);
      else if (type === 'Service' && c.kind === 'service') m = e.toLowerCase() === c.service.toLowerCase() ? 'caller' : undefined;
      else if (type === 'Federated' && c.kind === 'federated') m = e === c.provider ? 'caller' : undefined;
      if (m === 'caller') return m;
      best ??= m;
    }
  }
  return best;
}

function statementMatch(s: IamStatement, c: TrustCaller): Named {
  if (s.principal) return principalMatch(s.principal, c);
  if (s.notPrincipal) return principalMatch(s.notPrincipal, c) ? undefined : 'caller';
  return undefined;
}

function actionMatch(s: IamStatement, action: string): boolean {
  if (s.action) return s.action.some((p) => compileWildcard(p, true)(action));
  if (s.notAction) return !s.notAction.some((p) => compileWildcard(p, true)(action));
  return false;
}

export function evaluateTrust(role: string, trust: IamDocument | undefined, caller: TrustCaller, action: string, context: RequestContext = { values: {} }): TrustResult {
  const who = caller.kind === 'aws' ? caller.arn : caller.kind === 'service' ? caller.service : caller.provider;
  if (!trust) return { decision: 'deny', namesCaller: false, reason: `${role} has no trust policy in the inputs`, unknownKeys: [] };
  let allow: TrustResult | undefined;
  for (const s of trust.statements) {
    const named = statementMatch(s, caller);
    if (!named || !actionMatch(s, action)) continue;
    const cond = s.condition ? evaluateConditions(s.condition, context) : { result: 'true' as const, unknownKeys: [] };
    if (cond.result === 'false') continue;
    const origin: Origin = { policy: `${role}#trust`, statement: s.index, ...(s.sid ? { sid: s.sid } : {}) };
    if (s.effect === 'Deny') {
      if (cond.result === 'true') return { decision: 'deny', namesCaller: false, origin, reason: `the trust policy of ${role} denies ${action} to ${who} (statement ${s.sid ?? s.index})`, unknownKeys: [] };
      continue;
    }
    const candidate: TrustResult = {
      decision: cond.result === 'true' ? 'allow' : 'conditional',
      namesCaller: named === 'caller',
      origin,
      reason: `the trust policy of ${role} (statement ${s.sid ?? s.index}) trusts ${named === 'caller' ? who : `the account of ${who}`}${cond.result === 'unknown' ? ` if ${cond.unknownKeys.join(', ')} hold` : ''}`,
      unknownKeys: cond.unknownKeys,
    };
    // Prefer a definite allow, then one naming the caller itself.
    if (!allow || (allow.decision !== 'allow' && candidate.decision === 'allow') || (allow.decision === candidate.decision && !allow.namesCaller && candidate.namesCaller)) allow = candidate;
  }
  return allow ?? { decision: 'deny', namesCaller: false, reason: `the trust policy of ${role} does not trust ${who} for ${action}`, unknownKeys: [] };
}
