/**
 * CloudFormation intrinsic functions evaluated on a template's parsed values, following the
 * AWS "Intrinsic function reference": what a role's name, trust policy and policies are before
 * any deploy. Templates are read, never executed: a value only a deploy knows (an import, an
 * attribute AWS assigns, a condition on such a value) is an Unknown that says why.
 *
 * Error paths go as deep as the offending part: the function's key (`[..., 'Fn::Join']`) or
 * one of its arguments (`[..., 'Fn::Select', 0]`). condition() reports paths inside the
 * Conditions section (starting with a condition's name; `[]` when the name is not defined);
 * resolve() reports a broken condition at the place that names it, with the Conditions path
 * in the message.
 */

/** A value CloudFormation only knows at deploy time (an import, an attribute AWS assigns, an undecidable condition). */
export class Unknown {
  constructor(readonly why: string) {}
}

export class IntrinsicError extends Error {
  /** Path inside the value given to resolve (keys and list indices) where the malformed intrinsic sits. */
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = 'IntrinsicError';
  }
}

export interface TemplateScope {
  /** Parameter values already resolved by the caller (Default or a --cfn-param); List<…>/CommaDelimitedList as string[]. */
  parameters: Readonly<Record<string, string | string[]>>;
  /** Pseudo parameters by full name ('AWS::AccountId', 'AWS::Region', 'AWS::Partition', 'AWS::StackName', 'AWS::StackId', 'AWS::URLSuffix', 'AWS::NotificationARNs'); a missing one resolves to Unknown. */
  pseudo: Readonly<Record<string, string | string[]>>;
  /** The template's raw `Conditions` section. */
  conditions: Readonly<Record<string, unknown>>;
  /** The template's raw `Mappings` section. */
  mappings: Readonly<Record<string, unknown>>;
  /** Ref of a resource's logical id (the caller knows each type's Ref value); undefined when no such resource. */
  ref(logicalId: string): unknown;
  /** Fn::GetAtt of a resource; undefined when no such resource; return an Unknown for attributes only known at deploy. */
  getAtt(logicalId: string, attribute: string): unknown;
}

/** Marker for AWS::NoValue: resolve() removes the map key or list item whose value is it. */
export const NO_VALUE = Symbol('AWS::NoValue');

type Path = (string | number)[];
type Truth = boolean | Unknown;

/** Pseudo parameters AWS defines; one the caller does not give is known only at deploy. */
const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

/** Keys that make a one-key map a function call. `Condition` is not one outside condition functions: an IAM statement's `Condition` is data. */
const FUNCTIONS = new Set([
  'Ref',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
  'Fn::GetAtt',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Cidr',
  'Fn::Length',
  'Fn::ToJsonString',
]);
const CONDITION_FUNCTIONS = new Set(['Condition', 'Fn::Equals', 'Fn::Not', 'Fn::And', 'Fn::Or']);

/** Deeper than any real template: an aliased YAML value that contains itself stops here. */
const MAX_DEPTH = 500;

/** The value with every intrinsic evaluated. Unknown instances stand where a value is unknown; a string built from an unknown part (Fn::Sub, Fn::Join) is an Unknown whose why names the part. Throws IntrinsicError on malformed intrinsics (wrong arity/types, Ref or GetAtt to nothing, a condition name not defined, Select index out of range). */
export function resolve(value: unknown, scope: TemplateScope): unknown {
  return new Evaluator(scope, false).value(value, []);
}

interface Memo {
  values: Map<string, Truth>;
  /** Conditions being evaluated, outermost first: naming one again is a cycle. */
  active: string[];
}
const memos = new WeakMap<TemplateScope, Memo>();

/** A named condition of the Conditions section: true, false, or Unknown (it depends on an unknown value). Memoised per scope object; a cycle is an IntrinsicError. */
export function condition(name: string, scope: TemplateScope): boolean | Unknown {
  let memo = memos.get(scope);
  if (!memo) memos.set(scope, (memo = { values: new Map(), active: [] }));
  const known = memo.values.get(name);
  if (known !== undefined) return known;
  if (!Object.hasOwn(scope.conditions, name)) throw new IntrinsicError(`condition ${name} is not defined in Conditions`, []);
  memo.active.push(name);
  try {
    const truth = new Evaluator(scope, true).truth(scope.conditions[name], [name]);
    const result = truth instanceof Unknown ? new Unknown(`condition ${name} depends on ${truth.why}`) : truth;
    memo.values.set(name, result);
    return result;
  } finally {
    memo.active.pop();
  }
}

/** True when an Unknown is anywhere inside v. */
export function containsUnknown(v: unknown): boolean {
  return firstUnknown(v, new Set()) !== undefined;
}

function firstUnknown(v: unknown, seen: Set<object>): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (v === null || typeof v !== 'object' || seen.has(v)) return undefined;
  seen.add(v);
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    const u = firstUnknown(x, seen);
    if (u) return u;
  }
  return undefined;
}

class Evaluator {
  /** `inConditions`: evaluating the Conditions section, whose paths and cycle checks are condition()'s. */
  constructor(
    private readonly scope: TemplateScope,
    private readonly inConditions: boolean,
  ) {}

  value(v: unknown, path: Path): unknown {
    if (path.length > MAX_DEPTH) throw new IntrinsicError(`nested more than ${MAX_DEPTH} levels deep`, path);
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      v.forEach((x, i) => {
        const r = this.value(x, [...path, i]);
        if (r !== NO_VALUE) out.push(r);
      });
      return out;
    }
    const call = callOf(v, FUNCTIONS);
    if (call) return this.call(call[0], call[1], [...path, call[0]]);
    if (isMap(v)) {
      // fromEntries defines keys, so a `__proto__` key stays data.
      return Object.fromEntries(
        Object.entries(v)
          .map(([k, x]) => [k, this.value(x, [...path, k])] as const)
          .filter(([, x]) => x !== NO_VALUE),
      );
    }
    return v;
  }

  /** `at` is the path of the function's argument (the map's only key). */
  private call(fn: string, arg: unknown, at: Path): unknown {
    switch (fn) {
      case 'Ref':
        if (typeof arg !== 'string') throw new IntrinsicError(`Ref takes a logical id or parameter name, got ${describe(arg)}`, at);
        return this.ref(arg, at, `Ref ${arg}`);
      case 'Fn::GetAtt':
        return this.getAtt(arg, at);
      case 'Fn::Sub':
        return this.sub(arg, at);
      case 'Fn::Join':
        return this.join(arg, at);
      case 'Fn::Select':
        return this.select(arg, at);
      case 'Fn::Split':
        return this.split(arg, at);
      case 'Fn::If':
        return this.if(arg, at);
      case 'Fn::FindInMap':
        return this.findInMap(arg, at);
      case 'Fn::Base64': {
        const s = this.value(arg, at);
        if (s instanceof Unknown) return new Unknown(`Fn::Base64 of ${s.why}`);
        if (typeof s !== 'string') throw new IntrinsicError(`Fn::Base64 takes a string, got ${describe(s)}`, at);
        return Buffer.from(s, 'utf8').toString('base64');
      }
      case 'Fn::GetAZs': {
        // The Availability Zones AWS lists for the region at deploy; '' means the stack's region.
        const region = this.value(arg, at);
        if (region instanceof Unknown) return new Unknown(`Fn::GetAZs of an unknown region (${region.why})`);
        if (typeof region !== 'string') throw new IntrinsicError(`Fn::GetAZs takes a region name, got ${describe(region)}`, at);
        return new Unknown(`Fn::GetAZs ${region || 'of the stack region'} (known only at deploy)`);
      }
      case 'Fn::ImportValue': {
        const name = this.value(arg, at);
        if (name instanceof Unknown) return new Unknown(`Fn::ImportValue of an unknown name (${name.why})`);
        if (typeof name !== 'string') throw new IntrinsicError(`Fn::ImportValue takes an export name, got ${describe(name)}`, at);
        return new Unknown(`Fn::ImportValue ${name} (known only at deploy)`);
      }
      case 'Fn::Cidr': {
        const [block] = this.args(arg, ['ipBlock', 'count', 'cidrBits'], at, 'Fn::Cidr').map((x, i) => this.value(x, [...at, i]));
        return new Unknown(`Fn::Cidr of ${typeof block === 'string' ? block : 'an unknown block'} (known only at deploy)`);
      }
      case 'Fn::Length': {
        // AWS::LanguageExtensions: the number of items of a list.
        const items = this.list(arg, at, 'Fn::Length');
        return items instanceof Unknown ? new Unknown(`Fn::Length of ${items.why}`) : items.length;
      }
      case 'Fn::ToJsonString': {
        // AWS::LanguageExtensions: an object or list as a JSON string.
        const v = this.value(arg, at);
        const u = firstUnknown(v, new Set());
        if (u) return new Unknown(`Fn::ToJsonString of ${u.why}`);
        if (!isMap(v) && !Array.isArray(v)) throw new IntrinsicError(`Fn::ToJsonString takes a map or list, got ${describe(v)}`, at);
        return JSON.stringify(v);
      }
      default:
        // Fn::Equals, Fn::Not, Fn::And, Fn::Or outside Conditions: their truth value.
        return this.conditionFunction(fn, arg, at);
    }
  }

  /** A name `Ref` (and `${Name}` in Fn::Sub) resolves: a pseudo parameter, a parameter, then a resource. */
  private ref(name: string, at: Path, label: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (Object.hasOwn(this.scope.pseudo, name)) return copy(this.scope.pseudo[name]!);
    if (PSEUDO.has(name)) return new Unknown(`${name} (known only at deploy)`);
    if (Object.hasOwn(this.scope.parameters, name)) return copy(this.scope.parameters[name]!);
    const r = this.scope.ref(name);
    if (r === undefined) throw new IntrinsicError(`${label}: no parameter or resource named ${name}`, at);
    return r;
  }

  /** `[LogicalId, Attribute]` (the attribute may be a Ref) or `"LogicalId.Attribute"`, split at the first dot. */
  private getAtt(arg: unknown, at: Path): unknown {
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      if (dot <= 0 || dot === arg.length - 1) throw new IntrinsicError(`Fn::GetAtt "${arg}" is not LogicalId.AttributeName`, at);
      return this.attribute(arg.slice(0, dot), arg.slice(dot + 1), at, `Fn::GetAtt ${arg}`);
    }
    const [id, name] = this.args(arg, ['logicalNameOfResource', 'attributeName'], at, 'Fn::GetAtt');
    if (typeof id !== 'string') throw new IntrinsicError(`Fn::GetAtt takes a logical id (no functions), got ${describe(id)}`, [...at, 0]);
    const attr = this.value(name, [...at, 1]);
    if (attr instanceof Unknown) return new Unknown(`Fn::GetAtt ${id} of an unknown attribute name (${attr.why})`);
    if (typeof attr !== 'string') throw new IntrinsicError(`Fn::GetAtt attribute name must be a string, got ${describe(attr)}`, [...at, 1]);
    return this.attribute(id, attr, at, `Fn::GetAtt ${id}.${attr}`);
  }

  private attribute(id: string, attr: string, at: Path, label: string): unknown {
    const r = this.scope.getAtt(id, attr);
    if (r === undefined) throw new IntrinsicError(`${label}: no resource named ${id} (or it has no attribute ${attr})`, at);
    return r;
  }

  /**
   * `String` or `[String, {Var: Value}]`. The string takes no functions; `${Name}` is a variable
   * of the map, else what Ref Name gives; `${Res.Attr}` is Fn::GetAtt; `${!Literal}` is the text
   * `${Literal}`.
   */
  private sub(arg: unknown, at: Path): unknown {
    let template: unknown = arg;
    let templateAt = at;
    const vars = new Map<string, unknown>();
    if (typeof arg !== 'string') {
      const [t, map] = this.args(arg, ['String', '{ VarName: VarValue }'], at, 'Fn::Sub');
      if (!isMap(map) || callOf(map, FUNCTIONS)) throw new IntrinsicError(`Fn::Sub variables must be a map of names to values, got ${describe(map)}`, [...at, 1]);
      for (const [k, x] of Object.entries(map)) vars.set(k, this.value(x, [...at, 1, k]));
      template = t;
      templateAt = [...at, 0];
    }
    if (typeof template !== 'string') throw new IntrinsicError(`Fn::Sub string must be a string (no functions), got ${describe(template)}`, templateAt);
    let out = '';
    let unknown: Unknown | undefined;
    let last = 0;
    for (const m of template.matchAll(/\$\{([^}]*)\}/g)) {
      out += template.slice(last, m.index);
      last = m.index + m[0].length;
      const name = m[1]!;
      if (name.startsWith('!')) {
        out += `\${${name.slice(1)}}`;
        continue;
      }
      const label = `Fn::Sub \${${name}}`;
      const dot = name.indexOf('.');
      const v = vars.has(name)
        ? vars.get(name)
        : dot > 0
          ? this.attribute(name.slice(0, dot), name.slice(dot + 1), templateAt, label)
          : this.ref(name, templateAt, label);
      if (v instanceof Unknown) unknown ??= new Unknown(`${label}: ${v.why}`);
      else out += this.text(v, templateAt, label);
    }
    // Every variable is still checked after an unknown one: a malformed template always throws.
    return unknown ?? out + template.slice(last);
  }

  /** A string part of Fn::Sub or Fn::Join; numbers and booleans are their text, as in a template. */
  private text(v: unknown, at: Path, label: string): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new IntrinsicError(`${label} is ${describe(v)}, not a string`, at);
  }

  /** `[delimiter, [values]]`; the list may be a function giving one (a List parameter, Fn::Split). */
  private join(arg: unknown, at: Path): unknown {
    const [delimiter, values] = this.args(arg, ['delimiter', 'ListOfValues'], at, 'Fn::Join');
    if (typeof delimiter !== 'string') throw new IntrinsicError(`Fn::Join delimiter must be a string (no functions), got ${describe(delimiter)}`, [...at, 0]);
    const items = this.list(values, [...at, 1], 'Fn::Join');
    if (items instanceof Unknown) return new Unknown(`Fn::Join of ${items.why}`);
    let unknown: Unknown | undefined;
    const parts = items.map(({ item, at: itemAt }, i) => {
      if (!(item instanceof Unknown)) return this.text(item, itemAt, `Fn::Join item ${i}`);
      unknown ??= new Unknown(`Fn::Join item ${i}: ${item.why}`);
      return '';
    });
    return unknown ?? parts.join(delimiter);
  }

  /** `[index, list]`; the index may be a number or its text, the list a function giving one. */
  private select(arg: unknown, at: Path): unknown {
    const [index, values] = this.args(arg, ['index', 'listOfObjects'], at, 'Fn::Select');
    const i = this.value(index, [...at, 0]);
    if (i instanceof Unknown) return new Unknown(`Fn::Select of an unknown index (${i.why})`);
    const n = typeof i === 'number' ? i : typeof i === 'string' && /^\d+$/.test(i) ? Number(i) : NaN;
    if (!Number.isInteger(n) || n < 0) throw new IntrinsicError(`Fn::Select index must be a whole number, got ${describe(i)}`, [...at, 0]);
    const items = this.list(values, [...at, 1], 'Fn::Select');
    if (items instanceof Unknown) return new Unknown(`Fn::Select ${n} of ${items.why}`);
    // The reference: the index must be 0 to N-1; out of bounds fails the stack.
    const picked = items[n];
    if (!picked) throw new IntrinsicError(`Fn::Select index ${n} is out of range for a list of ${items.length}`, [...at, 0]);
    return picked.item;
  }

  /** `[delimiter, source string]`: consecutive delimiters give empty strings, as the reference shows. */
  private split(arg: unknown, at: Path): unknown {
    const [delimiter, source] = this.args(arg, ['delimiter', 'source string'], at, 'Fn::Split');
    if (typeof delimiter !== 'string') throw new IntrinsicError(`Fn::Split delimiter must be a string (no functions), got ${describe(delimiter)}`, [...at, 0]);
    const s = this.value(source, [...at, 1]);
    if (s instanceof Unknown) return new Unknown(`Fn::Split of ${s.why}`);
    if (typeof s !== 'string') throw new IntrinsicError(`Fn::Split source must be a string, got ${describe(s)}`, [...at, 1]);
    return s.split(delimiter);
  }

  /**
   * `[condition_name, value_if_true, value_if_false]`: only the chosen branch is evaluated, as
   * at deploy. An unknown condition leaves the value unknown unless both branches agree.
   */
  private if(arg: unknown, at: Path): unknown {
    const [name, ifTrue, ifFalse] = this.args(arg, ['condition_name', 'value_if_true', 'value_if_false'], at, 'Fn::If');
    if (typeof name !== 'string') throw new IntrinsicError(`Fn::If takes a condition name, got ${describe(name)}`, [...at, 0]);
    const truth = this.named(name, [...at, 0]);
    if (truth === true) return this.value(ifTrue, [...at, 1]);
    if (truth === false) return this.value(ifFalse, [...at, 2]);
    const a = this.value(ifTrue, [...at, 1]);
    const b = this.value(ifFalse, [...at, 2]);
    return same(a, b) ? a : new Unknown(`Fn::If ${name}: ${truth.why}`);
  }

  /** `[MapName, TopLevelKey, SecondLevelKey]`; each may be a Ref or Fn::FindInMap. */
  private findInMap(arg: unknown, at: Path): unknown {
    const keys = this.args(arg, ['MapName', 'TopLevelKey', 'SecondLevelKey'], at, 'Fn::FindInMap');
    let node: unknown = this.scope.mappings;
    const names: string[] = [];
    for (const [i, k] of keys.entries()) {
      const key = this.value(k, [...at, i]);
      if (key instanceof Unknown) return new Unknown(`Fn::FindInMap ${[...names, '?'].join('.')}: ${key.why}`);
      // Mapping keys are strings; a YAML number (an account id) is its text.
      if (typeof key !== 'string' && typeof key !== 'number') throw new IntrinsicError(`Fn::FindInMap key must be a string, got ${describe(key)}`, [...at, i]);
      names.push(String(key));
      if (!isMap(node) || !Object.hasOwn(node, String(key))) {
        throw new IntrinsicError(`Fn::FindInMap ${names.join('.')}: ${i === 0 ? 'no such mapping in Mappings' : 'no such key'}`, [...at, i]);
      }
      node = node[String(key)];
    }
    return node;
  }

  /** A condition function, or `{Condition: name}`, to its truth value. */
  truth(expr: unknown, path: Path): Truth {
    const call = callOf(expr, CONDITION_FUNCTIONS);
    if (!call) throw new IntrinsicError(`expected a condition (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition), got ${describe(expr)}`, path);
    const [fn, arg] = call;
    const at = [...path, fn];
    if (fn !== 'Condition') return this.conditionFunction(fn, arg, at);
    if (typeof arg !== 'string') throw new IntrinsicError(`Condition takes a condition name, got ${describe(arg)}`, at);
    return this.named(arg, at);
  }

  /** Three-valued: false AND unknown is false, true OR unknown is true, otherwise unknown stays. */
  private conditionFunction(fn: string, arg: unknown, at: Path): Truth {
    if (fn === 'Fn::Equals') {
      const [a, b] = this.args(arg, ['value_1', 'value_2'], at, fn).map((x, i) => {
        const v = this.value(x, [...at, i]);
        if (v === NO_VALUE) throw new IntrinsicError('Fn::Equals cannot compare AWS::NoValue', [...at, i]);
        return v;
      });
      const u = firstUnknown(a, new Set()) ?? firstUnknown(b, new Set());
      return u ? new Unknown(u.why) : same(asText(a), asText(b));
    }
    if (fn === 'Fn::Not') {
      const [c] = this.args(arg, ['condition'], at, fn);
      const t = this.truth(c, [...at, 0]);
      return t instanceof Unknown ? t : !t;
    }
    // Fn::And, Fn::Or: the reference allows 2 to 10 conditions. Every one is evaluated, so a malformed one always throws.
    if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) throw new IntrinsicError(`${fn} takes a list of 2 to 10 conditions, got ${describe(arg)}`, at);
    const truths = arg.map((c, i) => this.truth(c, [...at, i]));
    const decisive = fn === 'Fn::And' ? false : true;
    if (truths.includes(decisive)) return decisive;
    return truths.find((t) => t instanceof Unknown) ?? !decisive;
  }

  /** A named condition, at the place `at` that names it. */
  private named(name: string, at: Path): Truth {
    if (!Object.hasOwn(this.scope.conditions, name)) throw new IntrinsicError(`condition ${name} is not defined in Conditions`, at);
    if (this.inConditions) {
      const active = memos.get(this.scope)?.active ?? [];
      if (active.includes(name)) throw new IntrinsicError(`condition cycle: ${[...active.slice(active.indexOf(name)), name].join(' → ')}`, at);
      return condition(name, this.scope);
    }
    try {
      return condition(name, this.scope);
    } catch (err) {
      if (!(err instanceof IntrinsicError)) throw err;
      throw new IntrinsicError(`condition ${name}: ${err.message} (at Conditions.${err.path.join('.')})`, at);
    }
  }

  /** A function's argument list of exactly the named parts. */
  private args(arg: unknown, names: string[], at: Path, fn: string): unknown[] {
    if (!Array.isArray(arg) || arg.length !== names.length) throw new IntrinsicError(`${fn} takes [${names.join(', ')}], got ${describe(arg)}`, at);
    return arg;
  }

  /** A list argument: a literal list (AWS::NoValue items dropped, each keeping its own path) or a function giving a list. */
  private list(v: unknown, at: Path, fn: string): { item: unknown; at: Path }[] | Unknown {
    if (Array.isArray(v)) {
      return v.flatMap((x, i) => {
        const item = this.value(x, [...at, i]);
        return item === NO_VALUE ? [] : [{ item, at: [...at, i] }];
      });
    }
    const r = this.value(v, at);
    if (r instanceof Unknown) return r;
    if (!Array.isArray(r)) throw new IntrinsicError(`${fn} takes a list, got ${describe(r)}`, at);
    return r.map((item) => ({ item, at }));
  }
}

/** A plain map of parsed JSON/YAML (not a list, an Unknown or another class). */
function isMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `[function, argument]` when v is a map with exactly one key and that key names a function. */
function callOf(v: unknown, functions: ReadonlySet<string>): [string, unknown] | undefined {
  if (!isMap(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && functions.has(keys[0]!) ? [keys[0]!, v[keys[0]!]] : undefined;
}

/** A scope's list is the caller's: the result gets its own copy. */
function copy(v: string | string[]): string | string[] {
  return Array.isArray(v) ? [...v] : v;
}

/** Fn::Equals compares template values as CloudFormation does, as strings: `1` equals `"1"`. */
function asText(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(asText);
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asText(x)]));
  return v;
}

/** Deep equality of resolved values; two Unknowns are the same when they say the same why. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Unknown || b instanceof Unknown) return a instanceof Unknown && b instanceof Unknown && a.why === b.why;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (!isMap(a) || !isMap(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

/** A short description of a value for a message. */
function describe(v: unknown): string {
  if (v === NO_VALUE) return 'AWS::NoValue';
  if (v instanceof Unknown) return `an unknown value (${v.why})`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (isMap(v)) return `a map with keys ${Object.keys(v).join(', ') || '(none)'}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return String(v);
}
