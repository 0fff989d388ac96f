/**
 * IAM Condition blocks against what lateral knows of a request. Every operator and key in a
 * block must hold (AND); values inside one key are ORed. A key the request context does not
 * hold is `unknown` — the statement is then conditional, never silently true or false —
 * except where AWS defines the absent case: `...IfExists` and `Null` decide it, and, as the
 * condition operators reference puts it, when a negated operator's key is not present "the
 * condition is true".
 */
import ipaddr from 'ipaddr.js';
import type { ConditionBlock } from '../../model/aws.js';
import { compileWildcard } from './wildcard.js';

export type Tri = 'true' | 'false' | 'unknown';

/** Keys with known values, lower-cased; a missing key is unknown unless listed in `absent`. */
export interface RequestContext {
  values: Record<string, string[]>;
  /** Keys known to be absent from the request (e.g. no MFA on an access key). */
  absent?: ReadonlySet<string>;
}

type Compare = (actual: string, wanted: string) => boolean | undefined;

const date = (s: string) => (/^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s));
const num = (s: string) => Number(s);
const ip = (actual: string, cidr: string) => {
  try {
    const a = ipaddr.process(actual);
    const [net, bits] = cidr.includes('/') ? ipaddr.parseCIDR(cidr) : [ipaddr.process(cidr), ipaddr.process(cidr).kind() === 'ipv4' ? 32 : 128];
    return a.kind() === net.kind() && a.match(net as typeof a, bits);
  } catch {
    return false;
  }
};

const OPERATORS: Record<string, { compare: Compare; negated: boolean }> = {
  StringEquals: { compare: (a, w) => a === w, negated: false },
  StringNotEquals: { compare: (a, w) => a === w, negated: true },
  StringEqualsIgnoreCase: { compare: (a, w) => a.toLowerCase() === w.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { compare: (a, w) => a.toLowerCase() === w.toLowerCase(), negated: true },
  StringLike: { compare: (a, w) => compileWildcard(w, false)(a), negated: false },
  StringNotLike: { compare: (a, w) => compileWildcard(w, false)(a), negated: true },
  ArnEquals: { compare: (a, w) => compileWildcard(w, false)(a), negated: false },
  ArnLike: { compare: (a, w) => compileWildcard(w, false)(a), negated: false },
  ArnNotEquals: { compare: (a, w) => compileWildcard(w, false)(a), negated: true },
  ArnNotLike: { compare: (a, w) => compileWildcard(w, false)(a), negated: true },
  NumericEquals: { compare: (a, w) => num(a) === num(w), negated: false },
  NumericNotEquals: { compare: (a, w) => num(a) === num(w), negated: true },
  NumericLessThan: { compare: (a, w) => num(a) < num(w), negated: false },
  NumericLessThanEquals: { compare: (a, w) => num(a) <= num(w), negated: false },
  NumericGreaterThan: { compare: (a, w) => num(a) > num(w), negated: false },
  NumericGreaterThanEquals: { compare: (a, w) => num(a) >= num(w), negated: false },
  DateEquals: { compare: (a, w) => date(a) === date(w), negated: false },
  DateNotEquals: { compare: (a, w) => date(a) === date(w), negated: true },
  DateLessThan: { compare: (a, w) => date(a) < date(w), negated: false },
  DateLessThanEquals: { compare: (a, w) => date(a) <= date(w), negated: false },
  DateGreaterThan: { compare: (a, w) => date(a) > date(w), negated: false },
  DateGreaterThanEquals: { compare: (a, w) => date(a) >= date(w), negated: false },
  Bool: { compare: (a, w) => a.toLowerCase() === w.toLowerCase(), negated: false },
  BinaryEquals: { compare: (a, w) => a === w, negated: false },
  IpAddress: { compare: (a, w) => ip(a, w), negated: false },
  NotIpAddress: { compare: (a, w) => ip(a, w), negated: true },
};

export function evaluateConditions(block: ConditionBlock, ctx: RequestContext): { result: Tri; unknownKeys: string[] } {
  let result: Tri = 'true';
  const unknownKeys: string[] = [];
  for (const [rawOp, keys] of Object.entries(block)) {
    for (const [key, wanted] of Object.entries(keys)) {
      const r = one(rawOp, key, wanted, ctx);
      if (r === 'false') return { result: 'false', unknownKeys: [] };
      if (r === 'unknown') {
        result = 'unknown';
        unknownKeys.push(`${rawOp} ${key}`);
      }
    }
  }
  return { result, unknownKeys };
}

function one(rawOp: string, key: string, wanted: string[], ctx: RequestContext): Tri {
  const k = key.toLowerCase();
  const actual = ctx.values[k];
  const absent = actual === undefined && (ctx.absent?.has(k) ?? false);
  if (rawOp === 'Null') {
    if (actual !== undefined) return wanted.some((w) => w.toLowerCase() === 'false') ? 'true' : 'false';
    if (absent) return wanted.some((w) => w.toLowerCase() === 'true') ? 'true' : 'false';
    return 'unknown';
  }
  let op = rawOp;
  let set: 'any' | 'all' | undefined;
  if (op.startsWith('ForAnyValue:')) [set, op] = ['any', op.slice('ForAnyValue:'.length)];
  else if (op.startsWith('ForAllValues:')) [set, op] = ['all', op.slice('ForAllValues:'.length)];
  const ifExists = op.endsWith('IfExists');
  if (ifExists) op = op.slice(0, -'IfExists'.length);
  const def = OPERATORS[op];
  if (!def) return 'unknown';
  if (actual === undefined) {
    if (!absent) return 'unknown';
    // AWS: ForAllValues on an absent key is true; IfExists and negated operators are true.
    if (ifExists || set === 'all' || def.negated) return 'true';
    return 'false';
  }
  const matchesOne = (a: string) => wanted.some((w) => def.compare(a, w) === true);
  const hit = (a: string) => (def.negated ? !matchesOne(a) : matchesOne(a));
  if (set === 'all') return actual.every(hit) ? 'true' : 'false';
  if (set === 'any' || actual.length !== 1) return actual.some(hit) ? 'true' : 'false';
  return hit(actual[0]!) ? 'true' : 'false';
}
