/**
 * Whether a GitLab job runs in a given pipeline, from GitLab's "rules" and "only/except"
 * references: `workflow: rules` decide whether the pipeline is created at all, then the
 * job's `rules:` (the first rule whose `if` holds decides; `when: never` keeps the job out;
 * no rule holding keeps it out), or its `only:`/`except:`, or by default `only: [branches,
 * tags]` (so a job without rules is not in merge request pipelines).
 *
 * `if:` expressions are evaluated over the predefined variables a pipeline's source and ref
 * fix (CI_PIPELINE_SOURCE, CI_COMMIT_BRANCH, CI_COMMIT_TAG, CI_COMMIT_REF_NAME,
 * CI_DEFAULT_BRANCH, CI_MERGE_REQUEST_*…). Any other variable is unknown, and so is an
 * expression lateral cannot parse: the answer is then `maybe`, the job is kept, and the
 * expression is named as the gate that decides. Nothing is executed; a regex is compiled as
 * JavaScript (GitLab uses RE2, whose syntax it shares for the patterns rules use).
 */
import type { GitlabConditions, GitlabRefs, GitlabRule } from '../../model/ci.js';

export type Verdict = 'yes' | 'no' | 'maybe';

export interface PipelineContext {
  /** `push` stands for a push and for a run from the UI or the API on the same ref. */
  source: 'push' | 'merge_request_event' | 'schedule';
  refType: 'branch' | 'tag';
  /** undefined: any ref of the type (every test of it is `maybe`). */
  ref?: string;
  defaultBranch: string;
  /** The ref is a protected branch or tag (never in a merge request pipeline); undefined: unknown. */
  protectedRef?: boolean;
  project: string;
}

export interface Outcome {
  verdict: Verdict;
  /** The expressions lateral could not decide, when the verdict is `maybe`. */
  gates: string[];
}

const UNKNOWN = Symbol('unknown');
type Value = string | null | typeof UNKNOWN;

function variables(c: PipelineContext): Record<string, Value> {
  const mr = c.source === 'merge_request_event';
  const ref = c.ref ?? UNKNOWN;
  return {
    CI_PIPELINE_SOURCE: c.source,
    CI_COMMIT_BRANCH: c.refType === 'branch' && !mr ? ref : null,
    CI_COMMIT_TAG: c.refType === 'tag' ? ref : null,
    CI_COMMIT_REF_NAME: ref,
    CI_COMMIT_REF_PROTECTED: c.protectedRef === undefined ? UNKNOWN : String(c.protectedRef),
    CI_DEFAULT_BRANCH: c.defaultBranch,
    CI_PROJECT_PATH: c.project,
    CI_MERGE_REQUEST_ID: mr ? UNKNOWN : null,
    CI_MERGE_REQUEST_IID: mr ? UNKNOWN : null,
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: mr ? ref : null,
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: mr ? UNKNOWN : null,
    CI_MERGE_REQUEST_EVENT_TYPE: mr ? UNKNOWN : null,
  };
}

type Token = { t: 'var'; name: string } | { t: 'str'; v: string } | { t: 're'; source: string; flags: string } | { t: 'null' } | { t: 'op'; v: string };

const TOKEN = /\s*(?:\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|\/((?:[^/\\]|\\.)+)\/([a-z]*)|(null)\b|(==|!=|=~|!~|&&|\|\||\(|\)))/y;

function tokens(text: string): Token[] | undefined {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) return undefined;
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'var', name: m[1] });
    else if (m[2] !== undefined || m[3] !== undefined) out.push({ t: 'str', v: (m[2] ?? m[3])!.replace(/\\(.)/g, '$1') });
    else if (m[4] !== undefined) out.push({ t: 're', source: m[4], flags: m[5] ?? '' });
    else if (m[6] !== undefined) out.push({ t: 'null' });
    else out.push({ t: 'op', v: m[7]! });
  }
  return out;
}

const and = (a: Verdict, b: Verdict): Verdict => (a === 'no' || b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : 'maybe');
const or = (a: Verdict, b: Verdict): Verdict => (a === 'yes' || b === 'yes' ? 'yes' : a === 'no' && b === 'no' ? 'no' : 'maybe');

class Parser {
  private i = 0;
  constructor(
    private readonly ts: Token[],
    private readonly vars: Record<string, Value>,
  ) {}

  parse(): Verdict | undefined {
    const v = this.or();
    return v !== undefined && this.i === this.ts.length ? v : undefined;
  }

  private op(v: string): boolean {
    const t = this.ts[this.i];
    if (t?.t === 'op' && t.v === v) return (this.i++, true);
    return false;
  }

  private or(): Verdict | undefined {
    let v = this.and();
    while (v !== undefined && this.op('||')) {
      const r = this.and();
      v = r === undefined ? undefined : or(v, r);
    }
    return v;
  }

  private and(): Verdict | undefined {
    let v = this.primary();
    while (v !== undefined && this.op('&&')) {
      const r = this.primary();
      v = r === undefined ? undefined : and(v, r);
    }
    return v;
  }

  private primary(): Verdict | undefined {
    if (this.op('(')) {
      const v = this.or();
      return v !== undefined && this.op(')') ? v : undefined;
    }
    const left = this.ts[this.i++];
    if (!left || left.t === 'op') return undefined;
    const next = this.ts[this.i];
    if (next?.t === 'op' && ['==', '!=', '=~', '!~'].includes(next.v)) {
      this.i++;
      const right = this.ts[this.i++];
      if (!right || right.t === 'op') return undefined;
      return compare(this.value(left), next.v, right, this.value(right));
    }
    // A bare variable holds when it is set and not empty.
    const v = this.value(left);
    return v === UNKNOWN ? 'maybe' : v !== null && v !== '' ? 'yes' : 'no';
  }

  private value(t: Token): Value {
    if (t.t === 'var') return t.name in this.vars ? this.vars[t.name]! : UNKNOWN;
    if (t.t === 'str') return t.v;
    if (t.t === 'null') return null;
    return UNKNOWN;
  }
}

function compare(left: Value, op: string, rightToken: Token, right: Value): Verdict {
  if (op === '==' || op === '!=') {
    if (left === UNKNOWN || right === UNKNOWN) return 'maybe';
    return (left === right) === (op === '==') ? 'yes' : 'no';
  }
  let pattern: RegExp;
  try {
    if (rightToken.t === 're') pattern = new RegExp(rightToken.source, rightToken.flags.replace(/[^imsu]/g, ''));
    else if (typeof right === 'string' && /^\/.*\/[a-z]*$/s.test(right)) pattern = new RegExp(right.slice(1, right.lastIndexOf('/')), right.slice(right.lastIndexOf('/') + 1).replace(/[^imsu]/g, ''));
    else return 'maybe';
  } catch {
    return 'maybe';
  }
  if (left === UNKNOWN) return 'maybe';
  const matches = left !== null && pattern.test(left);
  return matches === (op === '=~') ? 'yes' : 'no';
}

/** One `if:` expression over the pipeline's variables; undefined when lateral cannot parse it. */
export function evaluateIf(expression: string, c: PipelineContext): Verdict | undefined {
  const ts = tokens(expression);
  return ts && ts.length ? new Parser(ts, variables(c)).parse() : undefined;
}

function ruleList(rules: readonly GitlabRule[], c: PipelineContext, gates: string[], i = 0): Verdict {
  if (i >= rules.length) return 'no';
  const r = rules[i]!;
  const runs: Verdict = r.when === 'never' ? 'no' : 'yes';
  let holds: Verdict = r.if === undefined ? 'yes' : (evaluateIf(r.if, c) ?? 'maybe');
  if (r.files && holds !== 'no') holds = 'maybe';
  if (holds === 'yes') return runs;
  if (holds === 'no') return ruleList(rules, c, gates, i + 1);
  const rest = ruleList(rules, c, gates, i + 1);
  if (runs !== rest) gates.push(r.if !== undefined ? `rules: if ${r.if}` : 'rules: changes/exists');
  return runs === rest ? runs : 'maybe';
}

const SOURCE_KEYWORDS: Record<string, PipelineContext['source'][]> = {
  merge_requests: ['merge_request_event'],
  schedules: ['schedule'],
  pushes: ['push'],
  web: ['push'],
  api: ['push'],
};

/** Whether one `only:`/`except:` ref entry names this pipeline. */
function refMatches(entry: string, c: PipelineContext): Verdict {
  if (entry === 'branches') return c.refType === 'branch' && c.source !== 'merge_request_event' ? 'yes' : 'no';
  if (entry === 'tags') return c.refType === 'tag' && c.source !== 'merge_request_event' ? 'yes' : 'no';
  if (entry in SOURCE_KEYWORDS) return SOURCE_KEYWORDS[entry]!.includes(c.source) ? 'yes' : 'no';
  if (['triggers', 'pipelines', 'external', 'external_pull_requests', 'chat'].includes(entry)) return 'maybe';
  if (c.source === 'merge_request_event') return 'no';
  if (c.ref === undefined) return 'maybe';
  const re = /^\/(.+)\/([a-z]*)$/s.exec(entry);
  if (re) {
    try {
      return new RegExp(re[1]!, re[2]!.replace(/[^imsu]/g, '')).test(c.ref) ? 'yes' : 'no';
    } catch {
      return 'maybe';
    }
  }
  return entry === c.ref ? 'yes' : 'no';
}

function refsMatch(r: GitlabRefs, c: PipelineContext, gates: string[], what: string): Verdict {
  let v: Verdict = r.refs.length ? r.refs.map((e) => refMatches(e, c)).reduce(or, 'no') : 'yes';
  if (r.variables.length) v = and(v, r.variables.map((e) => evaluateIf(e, c) ?? 'maybe').reduce(or, 'no'));
  if (r.unknown) v = and(v, 'maybe');
  if (v === 'maybe') gates.push(`${what}: ${[...r.refs, ...r.variables].join(', ') || 'changes'}`);
  return v;
}

const DEFAULT_ONLY: GitlabRefs = { refs: ['branches', 'tags'], variables: [] };

/** Whether the job runs in the pipeline `c`, and what decides it when lateral cannot tell. */
export function runsIn(conditions: GitlabConditions | undefined, c: PipelineContext): Outcome {
  const gates: string[] = [];
  const pipeline: Verdict = conditions?.workflow ? ruleList(conditions.workflow, c, gates) : 'yes';
  let job: Verdict;
  if (conditions?.rules) job = ruleList(conditions.rules, c, gates);
  else {
    job = refsMatch(conditions?.only ?? DEFAULT_ONLY, c, gates, 'only');
    if (conditions?.except) {
      const ex = refsMatch(conditions.except, c, gates, 'except');
      job = and(job, ex === 'yes' ? 'no' : ex === 'no' ? 'yes' : 'maybe');
    }
  }
  const verdict = and(pipeline, job);
  return { verdict, gates: verdict === 'maybe' ? [...new Set(gates)] : [] };
}
