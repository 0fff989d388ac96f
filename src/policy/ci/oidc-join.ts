/**
 * The OIDC join: which IAM roles a CI pipeline's runs can assume with
 * sts:AssumeRoleWithWebIdentity. The role a workflow names is usually a secret, and code in
 * a job holding `id-token: write` (GitLab: `id_tokens:`) may present its token to any role,
 * so the join reads the trust policies, never the workflow's `role-to-assume`: a role is
 * reached when its trust trusts the account's provider for the repository's issuer
 * (`token.actions.githubusercontent.com`, `gitlab.com` or a self-managed GitLab) and its
 * conditions hold on the claims one of the runs presents. The conditions go through the IAM condition
 * evaluator unchanged (StringLike wildcards, ForAnyValue, absent keys).
 *
 * `aud` cannot stop such code, which asks for whichever audience the trust wants; the answer
 * names the audience the workflow asked for when it differs.
 */
import type { CiRun, Repository } from '../../model/ci.js';
import type { IamPrincipal } from '../../model/aws.js';
import type { Pipeline, Model } from '../../model/model.js';
import type { Decision } from '../decision.js';
import { evaluateTrust } from '../iam/trust.js';
import { audKey, audiencesOf, candidatesFrom, claimsOf, subKey, type Claims } from './claims.js';

export interface OidcMatch {
  role: string;
  run: CiRun;
  claims: Claims;
  decision: 'allow' | 'conditional';
  decisions: Decision[];
  reason: string;
}

const PROVIDER = /^arn:aws[a-z-]*:iam::(\d{12}):oidc-provider\/(.+)$/;

/** The provider ARNs in the role's own account its trust names, by issuer. */
function providersOf(role: IamPrincipal): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of role.trust?.statements ?? []) {
    const fed = s.principal && s.principal !== '*' ? (s.principal.Federated ?? []) : [];
    for (const f of fed) {
      const m = PROVIDER.exec(f);
      if (m && m[1] === role.account && !out.has(m[2]!)) out.set(m[2]!, f);
    }
  }
  return out;
}

/** Subject values the role's trust compares with, lower-cased keys as IAM reads them. */
function subjects(role: IamPrincipal, issuer: string): string[] {
  const key = subKey(issuer).toLowerCase();
  const out: string[] = [];
  for (const s of role.trust?.statements ?? []) {
    for (const keys of Object.values(s.condition ?? {})) {
      for (const [k, vs] of Object.entries(keys)) if (k.toLowerCase() === key) out.push(...vs);
    }
  }
  return out;
}

export interface OidcRole {
  role: IamPrincipal;
  issuer: string;
  provider: string;
  subjects: string[];
}

/** Roles whose trust names an OIDC provider in their own account, one entry per issuer, by ARN. */
export function oidcRoles(model: Model, issuers: ReadonlySet<string>): OidcRole[] {
  const out: OidcRole[] = [];
  for (const p of model.aws.principals) {
    if (p.kind !== 'role') continue;
    for (const [issuer, provider] of providersOf(p)) if (issuers.has(issuer)) out.push({ role: p, issuer, provider, subjects: subjects(p, issuer) });
  }
  return out.sort((a, b) => (a.role.arn < b.role.arn ? -1 : a.role.arn > b.role.arn ? 1 : a.issuer < b.issuer ? -1 : 1));
}

/** The issuers the inputs' repositories present tokens from. */
export function ciIssuers(model: Model): Set<string> {
  return new Set(model.ci.repositories.map((r) => r.issuer));
}

/** The run and claims that reach `r` best (allowed before conditional, in run and claim order), if any. */
export function oidcMatch(r: OidcRole, runs: readonly CiRun[], repo: Repository): OidcMatch | undefined {
  const candidates = candidatesFrom(r.subjects);
  let fallback: OidcMatch | undefined;
  for (const run of runs) {
    for (const claims of claimsOf(run, repo, candidates)) {
      const m = matchOne(r, run, claims);
      if (m?.decision === 'allow') return m;
      fallback ??= m;
    }
  }
  return fallback;
}

function matchOne(r: OidcRole, run: CiRun, claims: Claims): OidcMatch | undefined {
  const SUB = subKey(r.issuer);
  const AUD = audKey(r.issuer);
  const values: Record<string, string[]> = claims.sub === undefined ? {} : { [SUB]: [claims.sub] };
  const asked = audiencesOf(run);
  const caller = { kind: 'federated' as const, provider: r.provider };
  const trust = (v: Record<string, string[]>) => evaluateTrust(r.role.arn, r.role.trust, caller, 'sts:AssumeRoleWithWebIdentity', { values: v });
  let t = asked.map((aud) => trust({ ...values, [AUD]: [aud] })).sort((a, b) => rank(a.decision) - rank(b.decision))[0]!;
  let audNote = '';
  if (t.decision === 'deny') {
    // The job's code chooses the audience: only an aud test may be left undecided.
    const any = trust(values);
    const onlyAud = any.unknownKeys.length > 0 && any.unknownKeys.every((k) => k.toLowerCase().endsWith(` ${AUD.toLowerCase()}`));
    if (any.decision === 'deny' || (any.decision === 'conditional' && !onlyAud)) return undefined;
    t = onlyAud ? { ...any, decision: 'allow', unknownKeys: [] } : any;
    audNote = run.facts.audiences
      ? `; its id_tokens ask for aud ${asked.join(', ')}, but whoever changes the job's file may ask for any audience`
      : `; the job asks for aud ${asked[0]}, but code running in it may ask for any audience`;
  }
  if (t.decision === 'deny') return undefined;
  const gated = claims.gates?.length ? `; it runs there only if ${claims.gates.join('; ')}` : '';
  const decision = t.decision === 'allow' && !gated ? 'allow' : 'conditional';
  const sub = claims.sub === undefined ? `an unknown subject (${claims.context})` : `sub ${claims.sub}`;
  const where = run.facts.source?.line !== undefined ? ` (${run.facts.source.file}:${run.facts.source.line})` : '';
  const reason = `job ${run.job}${where} on ${run.event} presents ${sub}${audNote}${gated}; ${t.reason}`;
  return {
    role: r.role.arn,
    run,
    claims,
    decision,
    reason,
    decisions: [{ layer: 'iam', decision, policy: `${r.role.arn}#trust`, ...(t.origin ? { rule: t.origin.sid ?? String(t.origin.statement) } : {}), reason }],
  };
}

const rank = (d: string) => (d === 'allow' ? 0 : d === 'conditional' ? 1 : 2);

/** Every (pipeline, role) the join connects. */
export function oidcJoin(model: Model): { pipeline: Pipeline; match: OidcMatch }[] {
  const roles = oidcRoles(model, ciIssuers(model));
  if (roles.length === 0) return [];
  const repos = new Map(model.ci.repositories.map((r) => [r.id, r]));
  const out: { pipeline: Pipeline; match: OidcMatch }[] = [];
  for (const p of model.pipelines) {
    if (!p.ci) continue;
    const repo = repos.get(p.ci.repository)!;
    const runs = p.ci.runs.filter((r) => r.idToken);
    if (!runs.length) continue;
    for (const r of roles) {
      if (r.issuer !== repo.issuer) continue;
      const match = oidcMatch(r, runs, repo);
      if (match) out.push({ pipeline: p, match });
    }
  }
  return out;
}
