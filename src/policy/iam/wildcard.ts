/**
 * IAM wildcards: `*` matches any run of characters, `?` any single character. Actions
 * compare case-insensitively (service prefix included: "the prefix and the action name are
 * case insensitive"), resources case-sensitively. A pattern becomes a matcher once: the
 * matchers are cached by pattern, so evaluating a request never builds a RegExp.
 */
export interface Matcher {
  (value: string): boolean;
  /** The one value a case-sensitive pattern without wildcards matches: an index looks it up instead of testing every value. */
  literal?: string;
}

const cache = [new Map<string, Matcher>(), new Map<string, Matcher>()] as const;
const MAX_CACHED = 50_000;

export function compileWildcard(pattern: string, caseInsensitive: boolean): Matcher {
  const store = cache[caseInsensitive ? 1 : 0];
  let m = store.get(pattern);
  if (m) return m;
  m = build(pattern, caseInsensitive);
  if (store.size >= MAX_CACHED) store.clear();
  store.set(pattern, m);
  return m;
}

/** `LITERAL` before a character makes it literal (`${*}`, `${?}` after variable substitution). */
export const LITERAL = '\u0000';

function build(pattern: string, caseInsensitive: boolean): Matcher {
  if (pattern === '*') return () => true;
  if (!/[*?]/.test(pattern.replace(/\u0000./gs, ''))) {
    const plain = pattern.replace(/\u0000(.)/gs, '$1');
    if (!caseInsensitive) return Object.assign((v: string) => v === plain, { literal: plain });
    const lower = plain.toLowerCase();
    return (v) => v.toLowerCase() === lower;
  }
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === LITERAL && i + 1 < pattern.length) source += escape(pattern[++i]!);
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += escape(c);
  }
  const re = new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
  return (v) => re.test(v);
}

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * ARN patterns of the ARN condition operators: "Each of the six colon-delimited components
 * of the ARN is checked separately and each can include multi-character match wildcards (*)
 * or single-character match wildcards (?)" (Condition operators, ARN condition operators).
 * A pattern or value with fewer than six components matches nothing.
 */
export function compileArnPattern(pattern: string): Matcher {
  const store = arnCache;
  let m = store.get(pattern);
  if (m) return m;
  const parts = splitArn(pattern);
  if (!parts) m = () => false;
  else {
    const segs = parts.map((p) => compileWildcard(p, false));
    m = (v) => {
      const vs = splitArn(v);
      return vs !== undefined && segs.every((s, i) => s(vs[i]!));
    };
  }
  if (store.size >= MAX_CACHED) store.clear();
  store.set(pattern, m);
  return m;
}
const arnCache = new Map<string, Matcher>();

/** The six components of an ARN (the last keeps its colons), or undefined. */
export function splitArn(arn: string): string[] | undefined {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const at = arn.indexOf(':', start);
    if (at < 0) return undefined;
    out.push(arn.slice(start, at));
    start = at + 1;
  }
  out.push(arn.slice(start));
  return out[0] === 'arn' ? out : undefined;
}

/**
 * What lateral knows of the policy variables of a principal: values by lower-cased key, and
 * keys known to be absent. Any other variable is unknown.
 */
export interface Variables {
  values: Readonly<Record<string, string>>;
  /** Lower-cased keys known to have no value; a Set will do. */
  absent?: { has(key: string): boolean };
}

export interface Substituted {
  pattern: string;
  /** Variables whose value lateral does not know (each replaced by `*`, so the match is a superset). */
  unknown: string[];
}

const VARIABLE = /\$\{([^}]*)\}/g;

/**
 * Substitutes policy variables (IAM JSON policy elements: "Policy variables"). `${*}`,
 * `${?}` and `${$}` stand for the literal characters; `${key, 'default'}` takes the default
 * when the key is absent. "If there is no value for the key in the request context, then
 * the policy element does not match": an absent key without a default yields a pattern that
 * matches nothing. A key lateral does not know becomes `*` and is reported as unknown, so
 * the statement is conditional rather than silently dropped or assumed.
 */
export function substituteVariables(pattern: string, vars: Variables): Substituted & { impossible: boolean } {
  const unknown: string[] = [];
  let impossible = false;
  const out = pattern.replace(VARIABLE, (whole, inner: string) => {
    if (inner === '*' || inner === '?' || inner === '$') return `${LITERAL}${inner}`;
    const m = inner.match(/^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/);
    if (!m) return whole;
    const key = m[1]!.toLowerCase();
    const value = vars.values[key];
    if (value !== undefined) return value;
    if (vars.absent?.has(key)) {
      if (m[2] !== undefined) return m[2];
      impossible = true;
      return whole;
    }
    unknown.push(m[1]!);
    return '*';
  });
  return { pattern: out, unknown, impossible };
}
