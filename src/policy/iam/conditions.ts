/**
 * IAM Condition blocks against what lateral knows of a request. Every operator and key in a
 * block must hold (AND); values inside one key are ORed ("If you specify multiple values
 * for a single condition key, AWS evaluates the condition using a logical OR. All
 * conditions must be met for the statement to apply"). A key the request context does not
 * hold is `unknown` — the statement is then conditional, never silently true or false —
 * except where AWS defines the absent case: `...IfExists` and `Null` decide it, and, as the
 * condition operators reference puts it, "If the key that you specify in a policy condition
 * is not present in the request context, the values do not match and the condition is
 * false. If the policy condition requires that the key is not matched, such as StringNotLike
 * or ArnNotLike, and the right key is not present, the condition is true."
 *
 * A block is compiled once (operators resolved, wildcard and ARN patterns, CIDRs and dates
 * parsed); evaluating a request only compares. An operator lateral does not implement is
 * unknown.
 */
import ipaddr from 'ipaddr.js';
import type { ConditionBlock } from '../../model/aws.js';
import { compileArnPattern, compileWildcard, substituteVariables, type Matcher, type Variables } from './wildcard.js';

export type Tri = 'true' | 'false' | 'unknown';

/** Keys with known values, lower-cased; a missing key is unknown unless listed in `absent`. */
export interface RequestContext {
  values: Record<string, string[]>;
  /** Keys (lower-cased) known to be absent from the request (e.g. no MFA on an access key); a Set will do. */
  absent?: { has(key: string): boolean };
}

/** Makes the test of one wanted value; operators that take policy variables say so. */
interface Operator {
  make: (wanted: string) => Matcher;
  negated: boolean;
  variables: boolean;
}

const date = (s: string) => (/^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s));
const cmp = (parse: (s: string) => number, ok: (a: number, w: number) => boolean) => (w: string) => {
  const want = parse(w);
  return (a: string) => ok(parse(a), want);
};
const ip = (cidr: string): Matcher => {
  try {
    const [net, bits] = cidr.includes('/') ? ipaddr.parseCIDR(cidr) : [ipaddr.process(cidr), ipaddr.process(cidr).kind() === 'ipv4' ? 32 : 128];
    return (actual) => {
      try {
        const a = ipaddr.process(actual);
        return a.kind() === net.kind() && a.match(net as typeof a, bits);
      } catch {
        return false;
      }
    };
  } catch {
    return () => false;
  }
};
const eq = (w: string): Matcher => (a) => a === w;
const eqi = (w: string): Matcher => {
  const l = w.toLowerCase();
  return (a) => a.toLowerCase() === l;
};
const like = (w: string) => compileWildcard(w, false);
const num = Number;

const op = (make: (w: string) => Matcher, negated = false, variables = false): Operator => ({ make, negated, variables });

const OPERATORS: Record<string, Operator> = {
  StringEquals: op(eq, false, true),
  StringNotEquals: op(eq, true, true),
  StringEqualsIgnoreCase: op(eqi, false, true),
  StringNotEqualsIgnoreCase: op(eqi, true, true),
  StringLike: op(like, false, true),
  StringNotLike: op(like, true, true),
  // ARN operators compare each of the six ARN components separately.
  ArnEquals: op(compileArnPattern, false, true),
  ArnLike: op(compileArnPattern, false, true),
  ArnNotEquals: op(compileArnPattern, true, true),
  ArnNotLike: op(compileArnPattern, true, true),
  NumericEquals: op(cmp(num, (a, w) => a === w)),
  NumericNotEquals: op(cmp(num, (a, w) => a === w), true),
  NumericLessThan: op(cmp(num, (a, w) => a < w)),
  NumericLessThanEquals: op(cmp(num, (a, w) => a <= w)),
  NumericGreaterThan: op(cmp(num, (a, w) => a > w)),
  NumericGreaterThanEquals: op(cmp(num, (a, w) => a >= w)),
  DateEquals: op(cmp(date, (a, w) => a === w)),
  DateNotEquals: op(cmp(date, (a, w) => a === w), true),
  DateLessThan: op(cmp(date, (a, w) => a < w)),
  DateLessThanEquals: op(cmp(date, (a, w) => a <= w)),
  DateGreaterThan: op(cmp(date, (a, w) => a > w)),
  DateGreaterThanEquals: op(cmp(date, (a, w) => a >= w)),
  Bool: op(eqi, false, true),
  BinaryEquals: op(eq),
  IpAddress: op(ip),
  NotIpAddress: op(ip, true),
};

interface Test {
  /** `<operator as written> <key as written>`, for reports. */
  label: string;
  key: string;
  null?: { wantAbsent: boolean; wantPresent: boolean };
  operator?: Operator;
  set?: 'any' | 'all';
  ifExists: boolean;
  matchers: Matcher[];
  /** Some wanted value holds a policy variable lateral does not know. */
  unknownValue: boolean;
}

export interface CompiledCondition {
  block: ConditionBlock;
  tests: Test[];
}

/**
 * Compiles a Condition block. `vars`, when given, substitutes policy variables in the
 * values of operators that accept them (a document of policy language 2012-10-17).
 */
export function compileConditions(block: ConditionBlock, vars?: Variables): CompiledCondition {
  const tests: Test[] = [];
  for (const [rawOp, keys] of Object.entries(block)) {
    let name = rawOp;
    let set: 'any' | 'all' | undefined;
    if (name.startsWith('ForAnyValue:')) [set, name] = ['any', name.slice('ForAnyValue:'.length)];
    else if (name.startsWith('ForAllValues:')) [set, name] = ['all', name.slice('ForAllValues:'.length)];
    const ifExists = name.endsWith('IfExists') && name !== 'IfExists';
    if (ifExists) name = name.slice(0, -'IfExists'.length);
    for (const [key, wanted] of Object.entries(keys)) {
      // lateral's own key for a value IaC leaves to apply time reads as that value's name.
      const label = key.toLowerCase() === 'lateral:unknownuntilapply' ? `${wanted.join(', ')} (unknown until apply)` : `${rawOp} ${key}`;
      const t: Test = { label, key: key.toLowerCase(), ifExists, matchers: [], unknownValue: false, ...(set ? { set } : {}) };
      if (rawOp === 'Null') {
        t.null = { wantAbsent: wanted.some((w) => w.toLowerCase() === 'true'), wantPresent: wanted.some((w) => w.toLowerCase() === 'false') };
      } else {
        const operator = OPERATORS[name];
        if (operator) {
          t.operator = operator;
          for (const w of wanted) {
            if (vars && operator.variables && w.includes('${')) {
              const s = substituteVariables(w, vars);
              if (s.impossible) continue; // an absent key without a default matches nothing
              if (s.unknown.length) {
                t.unknownValue = true;
                continue;
              }
              t.matchers.push(operator.make(s.pattern));
            } else t.matchers.push(operator.make(w));
          }
        }
      }
      tests.push(t);
    }
  }
  return { block, tests };
}

const compiled = new WeakMap<ConditionBlock, CompiledCondition>();

/** Evaluates a Condition block (compiled once per block object, without policy variables). */
export function evaluateConditions(block: ConditionBlock, ctx: RequestContext): { result: Tri; unknownKeys: string[] } {
  let c = compiled.get(block);
  if (!c) compiled.set(block, (c = compileConditions(block)));
  return evaluateCompiled(c, ctx);
}

export function evaluateCompiled(c: CompiledCondition, ctx: RequestContext): { result: Tri; unknownKeys: string[] } {
  let result: Tri = 'true';
  let unknownKeys: string[] | undefined;
  for (const t of c.tests) {
    const r = one(t, ctx);
    if (r === 'false') return { result: 'false', unknownKeys: [] };
    if (r === 'unknown') {
      result = 'unknown';
      (unknownKeys ??= []).push(t.label);
    }
  }
  return { result, unknownKeys: unknownKeys ?? [] };
}

function one(t: Test, ctx: RequestContext): Tri {
  const actual = ctx.values[t.key];
  const absent = actual === undefined && (ctx.absent?.has(t.key) ?? false);
  if (t.null) {
    if (actual !== undefined) return t.null.wantPresent ? 'true' : 'false';
    if (absent) return t.null.wantAbsent ? 'true' : 'false';
    return 'unknown';
  }
  const def = t.operator;
  if (!def) return 'unknown';
  if (actual === undefined) {
    if (!absent) return 'unknown';
    // AWS: ForAllValues on an absent key is true; IfExists and negated operators are true.
    if (t.ifExists || t.set === 'all' || def.negated) return 'true';
    return 'false';
  }
  const matchesOne = (a: string) => t.matchers.some((m) => m(a));
  const hit = (a: string) => (def.negated ? !matchesOne(a) : matchesOne(a));
  let r: boolean;
  if (t.set === 'all') r = actual.every(hit);
  else if (t.set === 'any' || actual.length !== 1) r = actual.some(hit);
  else r = hit(actual[0]!);
  if (!t.unknownValue) return r ? 'true' : 'false';
  // Some wanted value is unknown: only a result the unknown value cannot change is decided.
  if (t.set === undefined && actual.length === 1) {
    if (!def.negated && r) return 'true';
    if (def.negated && !r) return 'false';
  }
  return 'unknown';
}
