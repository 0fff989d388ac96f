/**
 * Identity-based IAM evaluation within an account, as AWS documents it ("Policy evaluation
 * logic"): an explicit Deny in any applicable policy wins; otherwise an Allow is needed in
 * the identity-based policies; when a permissions boundary is set, the action must also be
 * allowed by the boundary ("the effective permissions are the intersection"). Statements
 * are compiled once per principal; a request never re-parses or rebuilds a matcher.
 */
import type { ConditionBlock, IamDocument } from '../../model/aws.js';
import { compileConditions, evaluateCompiled, type CompiledCondition, type RequestContext, type Tri } from './conditions.js';
import { compileWildcard, substituteVariables, type Matcher, type Variables } from './wildcard.js';

export interface Origin {
  /** Managed policy ARN, or `<principal ARN>#inline:<name>`. */
  policy: string;
  statement: number;
  sid?: string;
}

export interface CompiledStatement {
  effect: 'Allow' | 'Deny';
  origin: Origin;
  /** Action patterns as written, to enumerate what a principal might do. */
  actionPatterns: string[];
  actions?: Matcher[];
  notActions?: Matcher[];
  resources?: Matcher[];
  notResources?: Matcher[];
  /** Resource patterns as written, for requests on a resource the caller may choose. */
  resourceAny: boolean;
  notResourceAny: boolean;
  /** The Condition block as written, for explain. */
  condition?: ConditionBlock;
  conditions?: CompiledCondition;
  /**
   * Policy variables in Resource/NotResource whose value lateral does not know: the
   * statement can only apply conditionally (each such variable matched as `*`).
   */
  unknownVariables?: string[];
}

export interface CompiledPolicySet {
  identity: CompiledStatement[];
  /** Absent when no permissions boundary applies. */
  boundary?: CompiledStatement[];
  boundaryArn?: string;
}

/**
 * A request. `resource: '*'` means a resource the caller chooses (the name of a function it
 * creates): an Allow whose Resource lists any pattern can be met, a Deny applies only when
 * it covers every resource.
 */
export interface IamRequest {
  action: string;
  resource: string;
  context?: RequestContext;
}

export type IamDecision = 'allow' | 'deny' | 'conditional' | 'implicit-deny';

export interface IamResult {
  decision: IamDecision;
  allowedBy: Origin[];
  deniedBy?: Origin;
  /** Statements whose Condition (or policy variable) lateral could not decide, and the keys behind it. */
  conditions: { origin: Origin; effect: 'Allow' | 'Deny'; keys: string[]; condition?: ConditionBlock }[];
  reason: string;
}

const NO_VARIABLES: Variables = { values: {} };

/**
 * Compiles a document's statements once: action and resource patterns become matchers,
 * conditions are compiled, and policy variables lateral knows of the principal are
 * substituted (only in policy language 2012-10-17; documents lateral builds itself carry no
 * version and are read as such).
 */
export function compileDocument(id: string, doc: IamDocument, vars: Variables = NO_VARIABLES): CompiledStatement[] {
  const variables = doc.version === undefined || doc.version === '2012-10-17' ? vars : undefined;
  return doc.statements.map((s) => {
    const unknown: string[] = [];
    const actions = (list: string[] | undefined) => list?.map((p) => compileWildcard(p, true));
    const resources = (list: string[] | undefined) =>
      list?.map((p): Matcher => {
        if (!variables || !p.includes('${')) return compileWildcard(p, false);
        const r = substituteVariables(p, variables);
        // "If there is no value for the key in the request context, then the policy element does not match."
        if (r.impossible) return () => false;
        unknown.push(...r.unknown);
        return compileWildcard(r.pattern, false);
      });
    const out: CompiledStatement = {
      effect: s.effect,
      origin: { policy: id, statement: s.index, ...(s.sid ? { sid: s.sid } : {}) },
      actionPatterns: s.action ?? [],
      ...(s.action ? { actions: actions(s.action)! } : {}),
      ...(s.notAction ? { notActions: actions(s.notAction)! } : {}),
      ...(s.resource ? { resources: resources(s.resource)! } : {}),
      ...(s.notResource ? { notResources: resources(s.notResource)! } : {}),
      resourceAny: (s.resource ?? []).includes('*'),
      notResourceAny: (s.notResource ?? []).includes('*'),
      ...(s.condition ? { condition: s.condition, conditions: compileConditions(s.condition, variables) } : {}),
    };
    if (unknown.length) out.unknownVariables = [...new Set(unknown)];
    return out;
  });
}

/**
 * Action / NotAction: "NotAction is an advanced policy element that explicitly matches
 * everything except the specified list of actions" — with Allow it allows every other
 * action, with Deny it denies every other action ("IAM JSON policy elements: NotAction").
 * "The prefix and the action name are case insensitive."
 */
export function actionMatches(s: CompiledStatement, action: string): boolean {
  if (s.actions) return s.actions.some((m) => m(action));
  if (s.notActions) return !s.notActions.some((m) => m(action));
  return false;
}

/**
 * Resource / NotResource: "NotResource is an advanced policy element that explicitly matches
 * every resource except those specified" ("IAM JSON policy elements: NotResource"); resource
 * ARNs compare case-sensitively ("In the Resource element, the IAM user name is case
 * sensitive").
 */
function resourceMatches(s: CompiledStatement, resource: string): boolean {
  if (resource === '*') {
    // The caller picks the resource: an Allow is met by some resource, a Deny must cover all.
    if (s.effect === 'Allow') return s.resources ? s.resources.length > 0 : !s.notResourceAny;
    return s.resources ? s.resourceAny : false;
  }
  if (s.resources) return s.resources.some((m) => m(resource));
  if (s.notResources) return !s.notResources.some((m) => m(resource));
  return false;
}

interface Hit {
  s: CompiledStatement;
  cond: Tri;
  keys: string[];
}

const EMPTY_CONTEXT: RequestContext = { values: {} };

/** Whether a statement's Resource / NotResource can cover `resource` (its Condition aside). */
export function resourceMayMatch(s: CompiledStatement, resource: string): boolean {
  // With an unknown variable, NotResource's widened pattern says nothing: the statement may apply.
  return (s.unknownVariables !== undefined && s.notResources !== undefined) || resourceMatches(s, resource);
}

function hits(statements: readonly CompiledStatement[], req: IamRequest): Hit[] {
  const out: Hit[] = [];
  for (const s of statements) {
    if (!actionMatches(s, req.action) || !resourceMayMatch(s, req.resource)) continue;
    let cond: Tri = 'true';
    let keys: string[] = [];
    if (s.conditions) {
      const r = evaluateCompiled(s.conditions, req.context ?? EMPTY_CONTEXT);
      if (r.result === 'false') continue;
      cond = r.result;
      keys = r.unknownKeys;
    }
    if (s.unknownVariables) {
      cond = 'unknown';
      keys = [...keys, ...s.unknownVariables.map((v) => `\${${v}}`)];
    }
    out.push({ s, cond, keys });
  }
  return out;
}

interface Split {
  denies: CompiledStatement[];
  allows: CompiledStatement[];
  boundaryAllows?: CompiledStatement[];
}

/** Each set's statements by role, computed once per set rather than per request. */
const splits = new WeakMap<CompiledPolicySet, Split>();

function split(set: CompiledPolicySet): Split {
  let s = splits.get(set);
  if (s) return s;
  const all = set.boundary ? [...set.identity, ...set.boundary] : set.identity;
  s = {
    // "An explicit deny in any of these policies overrides the allow" — the boundary's too.
    denies: all.filter((st) => st.effect === 'Deny'),
    allows: set.identity.filter((st) => st.effect === 'Allow'),
    ...(set.boundary ? { boundaryAllows: set.boundary.filter((st) => st.effect === 'Allow') } : {}),
  };
  splits.set(set, s);
  return s;
}

export function describeOrigin(o: Origin): string {
  return `${o.policy} statement ${o.sid ?? o.statement}`;
}

export function evaluate(set: CompiledPolicySet, req: IamRequest): IamResult {
  const parts = split(set);
  const denies = hits(parts.denies, req);
  const allows = hits(parts.allows, req);
  const boundary = parts.boundaryAllows ? hits(parts.boundaryAllows, req) : undefined;
  const conditions = [...denies, ...allows, ...(boundary ?? [])].filter((h) => h.cond === 'unknown').map((h) => ({ origin: h.s.origin, effect: h.s.effect, keys: h.keys, ...(h.s.condition ? { condition: h.s.condition } : {}) }));
  const what = `${req.action} on ${req.resource === '*' ? 'a resource of its choice' : req.resource}`;

  // "An explicit deny in any of these policies overrides the allow" — identity policies and boundary alike.
  const deny = denies.find((h) => h.cond === 'true');
  if (deny) return { decision: 'deny', allowedBy: [], deniedBy: deny.s.origin, conditions, reason: `${what} is explicitly denied by ${describeOrigin(deny.s.origin)}` };
  // "By default, all requests are implicitly denied": an Allow in the identity-based policies is needed,
  if (allows.length === 0) return { decision: 'implicit-deny', allowedBy: [], conditions, reason: `no identity-based statement allows ${what}` };
  // and under a boundary the boundary must allow too: "An entity's permissions boundary allows it to perform
  // only the actions that are allowed by both its identity-based policies and its permissions boundaries."
  if (boundary && boundary.length === 0) return { decision: 'implicit-deny', allowedBy: [], conditions, reason: `${what} is allowed by ${describeOrigin(allows[0]!.s.origin)} but not by the permissions boundary ${set.boundaryArn}` };

  const sure = allows.filter((h) => h.cond === 'true');
  const boundarySure = !boundary || boundary.some((h) => h.cond === 'true');
  const allowedBy = (sure.length ? sure : allows).map((h) => h.s.origin);
  // Undecided conditions are never assumed either way. An Allow lateral cannot decide makes the result
  // conditional; so does a Deny it cannot decide, which cannot be relied on to block (the attacker's worst
  // case is that it does not apply): `--strict-conditions` reads conditional as denied.
  const open = conditions.length > 0 && (sure.length === 0 || !boundarySure || denies.length > 0);
  if (open) {
    const keys = (hs: Hit[]) => [...new Set(hs.filter((h) => h.cond === 'unknown').flatMap((h) => h.keys))].join(', ');
    const allowIsSure = sure.length > 0 && boundarySure;
    const why = allowIsSure
      ? `unless ${describeOrigin(denies[0]!.s.origin)} (Deny) applies (${keys(denies)})`
      : `only if its conditions hold (${keys([...allows, ...(boundary ?? [])])})${denies.length ? `, and unless ${describeOrigin(denies[0]!.s.origin)} (Deny) applies (${keys(denies)})` : ''}`;
    return { decision: 'conditional', allowedBy, conditions, reason: `${what} is allowed by ${describeOrigin(allowedBy[0]!)} ${why}` };
  }
  return { decision: 'allow', allowedBy, conditions, reason: `${what} is allowed by ${describeOrigin(allowedBy[0]!)}${set.boundary ? ` within the permissions boundary ${set.boundaryArn}` : ''}` };
}
