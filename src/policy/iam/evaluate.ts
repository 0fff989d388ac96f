/**
 * Identity-based IAM evaluation within an account, as AWS documents it ("Policy evaluation
 * logic"): an explicit Deny in any applicable policy wins; otherwise an Allow is needed in
 * the identity-based policies; when a permissions boundary is set, the action must also be
 * allowed by the boundary ("the effective permissions are the intersection"). Statements
 * are compiled once per principal; a request never re-parses or rebuilds a matcher.
 */
import type { IamDocument, IamStatement } from '../../model/aws.js';
import { evaluateConditions, type RequestContext, type Tri } from './conditions.js';
import { compileWildcard, substitute, type Matcher } from './wildcard.js';

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
  condition?: IamStatement['condition'];
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
  /** Statements whose Condition lateral could not decide, and the keys behind it. */
  conditions: { origin: Origin; effect: 'Allow' | 'Deny'; keys: string[] }[];
  reason: string;
}

export function compileDocument(id: string, doc: IamDocument, vars: Readonly<Record<string, string>> = {}): CompiledStatement[] {
  const actions = (list: string[] | undefined) => list?.map((p) => compileWildcard(p, true));
  const resources = (list: string[] | undefined) => list?.map((p) => compileWildcard(substitute(p, vars), false));
  return doc.statements.map((s) => ({
    effect: s.effect,
    origin: { policy: id, statement: s.index, ...(s.sid ? { sid: s.sid } : {}) },
    actionPatterns: s.action ?? [],
    ...(s.action ? { actions: actions(s.action)! } : {}),
    ...(s.notAction ? { notActions: actions(s.notAction)! } : {}),
    ...(s.resource ? { resources: resources(s.resource)! } : {}),
    ...(s.notResource ? { notResources: resources(s.notResource)! } : {}),
    resourceAny: (s.resource ?? []).includes('*'),
    notResourceAny: (s.notResource ?? []).includes('*'),
    ...(s.condition ? { condition: s.condition } : {}),
  }));
}

function actionMatches(s: CompiledStatement, action: string): boolean {
  if (s.actions) return s.actions.some((m) => m(action));
  if (s.notActions) return !s.notActions.some((m) => m(action));
  return false;
}

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

function hits(statements: readonly CompiledStatement[], req: IamRequest): Hit[] {
  const out: Hit[] = [];
  for (const s of statements) {
    if (!actionMatches(s, req.action) || !resourceMatches(s, req.resource)) continue;
    if (!s.condition) {
      out.push({ s, cond: 'true', keys: [] });
      continue;
    }
    const { result, unknownKeys } = evaluateConditions(s.condition, req.context ?? { values: {} });
    if (result !== 'false') out.push({ s, cond: result, keys: unknownKeys });
  }
  return out;
}

export function describeOrigin(o: Origin): string {
  return `${o.policy} statement ${o.sid ?? o.statement}`;
}

export function evaluate(set: CompiledPolicySet, req: IamRequest): IamResult {
  const all = set.boundary ? [...set.identity, ...set.boundary] : set.identity;
  const denies = hits(all.filter((s) => s.effect === 'Deny'), req);
  const allows = hits(set.identity.filter((s) => s.effect === 'Allow'), req);
  const boundary = set.boundary ? hits(set.boundary.filter((s) => s.effect === 'Allow'), req) : undefined;
  const conditions = [...denies, ...allows, ...(boundary ?? [])].filter((h) => h.cond === 'unknown').map((h) => ({ origin: h.s.origin, effect: h.s.effect, keys: h.keys }));
  const what = `${req.action} on ${req.resource === '*' ? 'a resource of its choice' : req.resource}`;

  const deny = denies.find((h) => h.cond === 'true');
  if (deny) return { decision: 'deny', allowedBy: [], deniedBy: deny.s.origin, conditions, reason: `${what} is explicitly denied by ${describeOrigin(deny.s.origin)}` };
  if (allows.length === 0) return { decision: 'implicit-deny', allowedBy: [], conditions, reason: `no identity-based statement allows ${what}` };
  if (boundary && boundary.length === 0) return { decision: 'implicit-deny', allowedBy: [], conditions, reason: `${what} is allowed by ${describeOrigin(allows[0]!.s.origin)} but not by the permissions boundary ${set.boundaryArn}` };

  const sure = allows.filter((h) => h.cond === 'true');
  const boundarySure = !boundary || boundary.some((h) => h.cond === 'true');
  const allowedBy = (sure.length ? sure : allows).map((h) => h.s.origin);
  const open = conditions.length > 0 && (sure.length === 0 || !boundarySure || denies.length > 0);
  if (open) {
    const keys = [...new Set(conditions.flatMap((c) => c.keys))].join(', ');
    return { decision: 'conditional', allowedBy, conditions, reason: `${what} is allowed by ${describeOrigin(allowedBy[0]!)} only if its conditions hold (${keys})` };
  }
  return { decision: 'allow', allowedBy, conditions, reason: `${what} is allowed by ${describeOrigin(allowedBy[0]!)}${set.boundary ? ` within the permissions boundary ${set.boundaryArn}` : ''}` };
}
