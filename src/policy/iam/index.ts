/**
 * The IAM layer: every principal's policies compiled once per model, answering identity
 * decisions, role assumption (trust and identity policies together, with AWS's
 * same-account rule) and administrator equivalence.
 */
import { accountOf, type IamDocument, type IamPrincipal } from '../../model/aws.js';
import { WELL_KNOWN_POLICIES } from '../../model/aws-managed.js';
import type { PolicyContext } from '../context.js';
import type { Decision } from '../decision.js';
import type { GrantRequest } from '../grant.js';
import type { RequestContext } from './conditions.js';
import type { Variables } from './wildcard.js';
import { allowsFor, coveredBy, type Resources } from './allow-index.js';
import { compileDocument, describeOrigin, evaluate, type CompiledPolicySet, type CompiledStatement, type IamRequest, type IamResult, type Origin } from './evaluate.js';
import { evaluateTrust, type TrustCaller } from './trust.js';

export { evaluate, compileDocument, type IamResult, type IamRequest, type CompiledPolicySet, type Origin } from './evaluate.js';
export { evaluateTrust, type TrustCaller, type TrustResult, type NamedBy } from './trust.js';
export { evaluateConditions, compileConditions, evaluateCompiled, type RequestContext, type CompiledCondition } from './conditions.js';
export { compileWildcard, compileArnPattern, type Variables } from './wildcard.js';
export { Resources } from './allow-index.js';
export { TrustIndex, type AwsCaller } from './trust-index.js';
export { union, intersect } from './positions.js';

export interface Verdict {
  decision: 'allow' | 'conditional' | 'deny';
  decisions: Decision[];
}

/** A made-up action and resource only `*`-wide statements match: administrator equivalence. */
const ANY_ACTION = 'lateral:AnyAction';
const ANY_RESOURCE = 'arn:aws:lateral:::any-resource';
/** A made-up IAM action only `iam:*`-wide (or `*`) statements match. */
const IAM_ANY_ACTION = 'iam:LateralAnyAction';
const ADMIN_PROBES = [ANY_ACTION, 'iam:PutUserPolicy', 'iam:CreateAccessKey', 'sts:AssumeRole'];

export class IamEngine {
  readonly principals: Map<string, IamPrincipal>;
  private readonly sets = new Map<string, CompiledPolicySet>();
  private readonly knowns = new Map<string, Variables>();
  private readonly contexts = new Map<string, RequestContext>();
  private readonly allows = new Map<string, CompiledStatement[]>();

  constructor(
    private readonly ctx: PolicyContext,
  ) {
    this.principals = new Map(ctx.model.aws.principals.map((p) => [p.arn, p]));
  }

  private document(arn: string): IamDocument | undefined {
    return this.ctx.model.aws.policies.get(arn)?.document ?? WELL_KNOWN_POLICIES.get(arn);
  }

  /**
   * What lateral knows of the global keys of a request made with `arn`'s credentials, also
   * the values of policy variables. A user's name, id and tags are known (a tag it lacks is
   * absent); a role has no `aws:username`, and its `aws:PrincipalTag` keys stay unknown, as
   * session tags passed to sts:AssumeRole can add to or override the role's own tags.
   */
  known(arn: string): Variables {
    let v = this.knowns.get(arn);
    if (v) return v;
    const p = this.principals.get(arn);
    const values: Record<string, string> = { 'aws:principalarn': arn, 'aws:principalaccount': accountOf(arn) };
    let absent: Variables['absent'];
    if (p?.kind === 'user') {
      Object.assign(values, { 'aws:username': p.name, 'aws:principaltype': 'User', ...(p.id ? { 'aws:userid': p.id } : {}) });
      for (const [k, val] of Object.entries(p.tags ?? {})) values[`aws:principaltag/${k.toLowerCase()}`] = val;
      absent = { has: (key) => key.startsWith('aws:principaltag/') && !(key in values) };
    } else if (p?.kind === 'role') {
      values['aws:principaltype'] = 'AssumedRole';
      absent = new Set(['aws:username']);
    }
    v = { values, ...(absent ? { absent } : {}) };
    this.knowns.set(arn, v);
    return v;
  }

  /** The principal's identity policies (its own, inline and attached, and its groups') and boundary. */
  policySet(arn: string): CompiledPolicySet {
    let set = this.sets.get(arn);
    if (set) return set;
    const p = this.principals.get(arn);
    const vars = this.known(arn);
    const own = (q: IamPrincipal) => [...q.inline.map((i) => compileDocument(i.id, i.document, vars)), ...q.attached.map((a) => compileDocument(a, this.document(a) ?? { statements: [] }, vars))].flat();
    const groups = (p?.groups ?? []).map((g) => this.principals.get(g)).filter((g): g is IamPrincipal => g !== undefined);
    set = {
      identity: p ? [...own(p), ...groups.flatMap(own)] : [],
      ...(p?.boundary ? { boundary: compileDocument(p.boundary, this.document(p.boundary) ?? { statements: [] }, vars), boundaryArn: p.boundary } : {}),
    };
    this.sets.set(arn, set);
    return set;
  }

  /** What lateral knows of a request made with `arn`'s credentials on the evaluation date. */
  context(arn: string, extra?: Record<string, string[]>): RequestContext {
    let base = this.contexts.get(arn);
    if (!base) {
      const known = this.known(arn);
      const at = `${this.ctx.options.at}T00:00:00Z`;
      base = {
        values: {
          'aws:currenttime': [at],
          'aws:epochtime': [String(Date.parse(at) / 1000)],
          'aws:tokenissuetime': [at],
          ...Object.fromEntries(Object.entries(known.values).map(([k, v]) => [k, [v]])),
        },
        ...(known.absent ? { absent: known.absent } : {}),
      };
      this.contexts.set(arn, base);
    }
    if (!extra || Object.keys(extra).length === 0) return base;
    return { ...base, values: { ...base.values, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.toLowerCase(), v])) } };
  }

  /** Whether an Allow statement of `arn`'s identity policies covers `action`: if none does, `can` denies it on every resource. */
  mayAllow(arn: string, action: string): boolean {
    return this.allowsFor(arn, action).length > 0;
  }

  /**
   * Positions in `resources` on which `arn`'s identity policies may allow `action`: `can`
   * denies it on every other one, whatever the request context.
   */
  mayAllowOn(arn: string, action: string, resources: Resources): number[] {
    const allows = this.allowsFor(arn, action);
    return allows.length ? coveredBy(allows, resources) : [];
  }

  private allowsFor(arn: string, action: string): CompiledStatement[] {
    const key = `${arn}\n${action}`;
    let allows = this.allows.get(key);
    if (!allows) this.allows.set(key, (allows = allowsFor(this.policySet(arn).identity, action)));
    return allows;
  }

  evaluate(arn: string, action: string, resource: string, extra?: Record<string, string[]>): IamResult {
    const req: IamRequest = { action, resource, context: this.context(arn, extra) };
    return evaluate(this.policySet(arn), req);
  }

  can(arn: string, action: string, resource: string, extra?: Record<string, string[]>): Verdict {
    return toVerdict(arn, this.evaluate(arn, action, resource, extra));
  }

  /**
   * What `arn` may do once it has given itself `*` on `*` (a self-escalation): everything its
   * permissions boundary allows and no explicit Deny forbids — the boundary still caps it.
   */
  canEscalated(arn: string, action: string, resource: string): Verdict {
    const set = this.policySet(arn);
    const escalated: CompiledPolicySet = { ...set, identity: [...set.identity.filter((st) => st.effect === 'Deny'), ...compileDocument(`${arn}#escalated`, { statements: [{ index: 0, effect: 'Allow', action: ['*'], resource: ['*'] }] })] };
    return toVerdict(arn, evaluate(escalated, { action, resource, context: this.context(arn) }));
  }

  /**
   * sts:AssumeRole of `roleArn` by `callerArn`, from "Policy evaluation logic" and
   * "Cross-account policy evaluation logic":
   *
   * - "An explicit deny in any of these policies overrides the allow": a Deny in the trust
   *   policy, the caller's identity policies or its boundary denies.
   * - "IAM role trust policies and KMS key policies are exceptions to this logic, because
   *   they must explicitly allow access for principals": the trust must always allow.
   * - Within one account, a trust naming the caller grants by itself ("If either the
   *   identity-based policy or the resource-based policy within the same account allows the
   *   request and the other doesn't, the request is still allowed"); a trust naming only
   *   the account delegates to the account's identity policies, which must allow as well.
   * - "Resource-based policies that grant permissions to an IAM role ARN are limited by an
   *   implicit deny in a permissions boundary", while a grant to the user itself, to a role
   *   session or to `*` is not: a role caller with a boundary, named by its role ARN, also
   *   needs its boundary to allow sts:AssumeRole.
   * - Across accounts the trust and the caller's identity policies (within its boundary)
   *   must both allow.
   *
   * The decisions returned are the statements behind the answer, for explain.
   */
  canAssume(callerArn: string, roleArn: string, trustOverride?: IamDocument): Verdict {
    const caller = this.principals.get(callerArn);
    const role = this.principals.get(roleArn);
    if (!caller || !role || role.kind !== 'role') return { decision: 'deny', decisions: [{ layer: 'iam', decision: 'deny', policy: '(default)', reason: `${roleArn} is not a role in the inputs` }] };
    const who: TrustCaller = { kind: 'aws', arn: caller.arn, account: caller.account, ...(caller.kind === 'role' ? { roleName: caller.name } : {}) };
    const trust = evaluateTrust(role.arn, trustOverride ?? role.trust, who, 'sts:AssumeRole', this.context(callerArn));
    const trustDecision: Decision = { layer: 'iam', decision: trust.decision, policy: `${role.arn}#trust`, ...(trust.origin ? { rule: originRule(trust.origin) } : {}), reason: trust.reason };
    if (trust.decision === 'deny') return { decision: 'deny', decisions: [trustDecision] };
    const identity = this.evaluate(callerArn, 'sts:AssumeRole', role.arn);
    if (identity.decision === 'deny') return { decision: 'deny', decisions: toVerdict(callerArn, identity).decisions };
    const sameAccount = caller.account === role.account;
    // A Deny lateral cannot decide may or may not block: conditional, never silently ignored.
    const undecidedDeny = identity.conditions.filter((c) => c.effect === 'Deny');
    const denyNote = (d: Decision[]): Decision[] =>
      undecidedDeny.length ? [...d, { layer: 'iam', decision: 'conditional', policy: undecidedDeny[0]!.origin.policy, rule: originRule(undecidedDeny[0]!.origin), reason: `unless ${describeOrigin(undecidedDeny[0]!.origin)} (Deny) applies: it needs ${undecidedDeny[0]!.keys.join(', ')}` }] : d;
    if (sameAccount && trust.namesCaller) {
      const set = this.policySet(callerArn);
      if (caller.kind === 'role' && set.boundary && trust.namedBy === 'arn') {
        const b = evaluate({ identity: set.boundary }, { action: 'sts:AssumeRole', resource: role.arn, context: this.context(callerArn) });
        if (b.decision !== 'allow' && b.decision !== 'conditional') {
          return { decision: 'deny', decisions: [trustDecision, { layer: 'iam', decision: 'deny', policy: set.boundaryArn!, reason: `the trust policy names the role ${callerArn}, whose permissions boundary ${set.boundaryArn} does not allow sts:AssumeRole on ${role.arn}` }] };
        }
        const conditional = trust.decision === 'conditional' || b.decision === 'conditional' || undecidedDeny.length > 0;
        return { decision: conditional ? 'conditional' : 'allow', decisions: denyNote([trustDecision, ...toVerdict(callerArn, b).decisions.map((d) => ({ ...d, reason: `permissions boundary: ${d.reason}` }))]) };
      }
      const conditional = trust.decision === 'conditional' || undecidedDeny.length > 0;
      return { decision: conditional ? 'conditional' : 'allow', decisions: denyNote([trustDecision]) };
    }
    const id = toVerdict(callerArn, identity);
    if (id.decision === 'deny') {
      const why = !sameAccount ? 'across accounts the caller also needs an identity-policy allow' : 'the trust policy names the account, not the caller';
      return { decision: 'deny', decisions: [trustDecision, ...id.decisions.map((d) => ({ ...d, reason: `${d.reason} (${why})` }))] };
    }
    const conditional = trust.decision === 'conditional' || id.decision === 'conditional';
    return { decision: conditional ? 'conditional' : 'allow', decisions: [trustDecision, ...id.decisions] };
  }

  /**
   * Whether `arn` may do anything to `resource`: each action pattern its Allow statements
   * name for the resource's service is tried as a request. Used for reachability of a
   * resource that is no node of its own.
   */
  anyAction(arn: string, resource: string): Verdict {
    const service = resource.split(':')[2] ?? '';
    const patterns = new Set(this.policySet(arn).identity.filter((st) => st.effect === 'Allow').flatMap((st) => st.actionPatterns));
    const candidates = [...patterns].map((a) => (a === '*' ? `${service}:*` : a)).filter((a) => a.toLowerCase().startsWith(`${service.toLowerCase()}:`)).sort();
    let conditional: Verdict | undefined;
    for (const action of candidates) {
      const v = this.can(arn, action, resource);
      if (v.decision === 'allow') return v;
      if (v.decision === 'conditional') conditional ??= v;
    }
    return conditional ?? { decision: 'deny', decisions: [{ layer: 'iam', decision: 'deny', policy: '(default)', reason: `${arn}: no statement allows any action on ${resource}` }] };
  }

  /** Whether a trust policy lets `service` assume the role. */
  trustsService(roleArn: string, service: string): boolean {
    const role = this.principals.get(roleArn);
    return evaluateTrust(roleArn, role?.trust, { kind: 'service', service }, 'sts:AssumeRole').decision !== 'deny';
  }

  /** `*` on `*`: every administrator probe allowed. */
  isAdmin(arn: string): Verdict {
    const results = ADMIN_PROBES.map((a) => this.can(arn, a, ANY_RESOURCE));
    if (results.some((r) => r.decision === 'deny')) return { decision: 'deny', decisions: [] };
    return { decision: results.some((r) => r.decision === 'conditional') ? 'conditional' : 'allow', decisions: results[0]!.decisions };
  }

  /** Whether `arn` may make any IAM call on any resource (`iam:*` on `*`): it can make itself administrator. */
  isIamAdmin(arn: string): Verdict {
    return this.can(arn, IAM_ANY_ACTION, ANY_RESOURCE);
  }

  /** Whether a policy document alone allows `*` on `*`. */
  documentIsAdmin(id: string, doc: IamDocument): boolean {
    const set: CompiledPolicySet = { identity: compileDocument(id, doc) };
    return ADMIN_PROBES.every((action) => evaluate(set, { action, resource: ANY_RESOURCE }).decision === 'allow');
  }

  /** A principal's permissions boundary, when it keeps escalations short of administrator. */
  boundaryCap(arn: string): string | undefined {
    const b = this.principals.get(arn)?.boundary;
    if (!b) return undefined;
    const doc = this.document(b);
    return doc && this.documentIsAdmin(b, doc) ? undefined : b;
  }
}

/** The IAM engine of a model: every principal's policies compiled once per PolicyContext. */
export function iamEngine(ctx: PolicyContext): IamEngine {
  return ctx.memo('iam', () => new IamEngine(ctx));
}

/** Whether `callerArn` may assume `roleArn` (see IamEngine.canAssume), with the statements behind it. */
export function canAssume(ctx: PolicyContext, callerArn: string, roleArn: string): Verdict {
  return iamEngine(ctx).canAssume(callerArn, roleArn);
}

/** A statement's `rule` in decisions: its Sid, or its index as a string. */
export function originRule(o: Origin): string {
  return o.sid ?? String(o.statement);
}

export function toVerdict(arn: string, r: IamResult): Verdict {
  const rule = originRule;
  switch (r.decision) {
    case 'allow':
      return { decision: 'allow', decisions: r.allowedBy.slice(0, 1).map((o) => ({ layer: 'iam', decision: 'allow', policy: o.policy, rule: rule(o), reason: r.reason })) };
    case 'conditional': {
      const o = r.conditions[0]?.origin ?? r.allowedBy[0]!;
      return { decision: 'conditional', decisions: [{ layer: 'iam', decision: 'conditional', policy: o.policy, rule: rule(o), reason: `${r.reason}; conditions: ${r.conditions.map((c) => `${describeOrigin(c.origin)} (${c.effect}) needs ${c.keys.join(', ')}`).join('; ')}` }] };
    }
    case 'deny':
      return { decision: 'deny', decisions: [{ layer: 'iam', decision: 'deny', policy: r.deniedBy!.policy, rule: rule(r.deniedBy!), reason: r.reason }] };
    case 'implicit-deny':
      return { decision: 'deny', decisions: [{ layer: 'iam', decision: 'deny', policy: '(default)', reason: `${arn}: ${r.reason}` }] };
  }
}

/** `{ from: ARN, action, resource }` decisions for IAM principals; sts:AssumeRole on a role includes its trust policy. */
export function decideIam(ctx: PolicyContext, req: GrantRequest): Decision[] {
  if (ctx.model.aws.principals.length === 0) return [];
  const engine = iamEngine(ctx);
  if (!engine.principals.has(req.identity)) return [];
  if (/^sts:AssumeRole$/i.test(req.action) && engine.principals.get(req.resource)?.kind === 'role') return engine.canAssume(req.identity, req.resource).decisions;
  return engine.can(req.identity, req.action, req.resource).decisions;
}
