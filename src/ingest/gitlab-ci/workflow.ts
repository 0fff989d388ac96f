/**
 * A `.gitlab-ci.yml` as one Workflow (src/model/ci.ts), following GitLab's "CI/CD YAML syntax
 * reference": jobs are the top-level keys that are not global keywords, hidden `.templates`
 * are merged in through `extends:` (hashes deep-merged, everything else replaced, the job's
 * own keys last), and `default:` fills what a job leaves out. The triggers are GitLab's
 * pipeline sources; each job keeps its `rules:` (or `only:`/`except:`) and the file's
 * `workflow: rules`, evaluated per run in src/policy/ci/gitlab-rules.ts.
 *
 * Every CI/CD variable of a project is in every job's environment (GitLab does not ask a
 * job to name the secrets it reads, as GitHub does), so each job holds every variable the
 * file references that it does not define itself. `include:` of another project, a remote
 * URL or a component at a ref that can move is treated like a third-party action: its owner
 * writes the jobs.
 */
import type { ActionUse, CiJob, GitlabConditions, GitlabRefs, GitlabRule, Repository, Trigger, Workflow } from '../../model/ci.js';
import type { Source } from '../../model/model.js';
import type { IngestContext } from '../context.js';
import type { ParsedDoc, PathSegment } from '../parse.js';
import { validate } from '../zod-problems.js';
import { deploySteps, WRITES_BACK } from '../github-actions/steps.js';
import { defaultSchema, GLOBAL_KEYWORDS, includeSchema, jobSchema, workflowRulesSchema, type IncludeInput, type JobInput, type RuleInput } from './schema.js';

export interface PendingGitlab {
  root: string;
  file: string;
  doc: ParsedDoc;
  value: Record<string, unknown>;
}

/** `<root>/.gitlab-ci.yml` → root and file, or undefined for any other path. */
export function gitlabCiPath(file: string): { root: string; file: string } | undefined {
  const m = /^(?:(.*)\/)?(\.gitlab-ci\.ya?ml)$/i.exec(file.replace(/\\/g, '/'));
  return m ? { root: m[1] ?? '.', file: m[2]! } : undefined;
}

/** GitLab's pipeline sources lateral follows: a push (or a run from the UI or API) on a branch or tag, a merge request, a schedule. */
const SOURCES = ['push', 'merge_request_event', 'schedule'];

const MAX_EXTENDS_DEPTH = 11; // GitLab's limit on nested extends

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** GitLab's `extends` merge: hashes deep-merged, every other value replaced by the later one. */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

function resolveExtends(ctx: IngestContext, doc: ParsedDoc, all: Record<string, unknown>, key: string, seen: string[] = []): Record<string, unknown> {
  const own = all[key] as Record<string, unknown>;
  const parents = own.extends === undefined ? [] : Array.isArray(own.extends) ? own.extends : [own.extends];
  let merged: Record<string, unknown> = {};
  for (const p of parents) {
    if (typeof p !== 'string') continue;
    if (!isObject(all[p])) ctx.problem(doc, [key, 'extends'], `extends ${p}, which this file does not define`);
    else if (seen.includes(p) || seen.length >= MAX_EXTENDS_DEPTH) ctx.problem(doc, [key, 'extends'], `extends ${p} in a loop or more than ${MAX_EXTENDS_DEPTH} levels deep`);
    else merged = deepMerge(merged, resolveExtends(ctx, doc, all, p, [...seen, key]));
  }
  const { extends: _drop, ...rest } = own;
  return deepMerge(merged, rest);
}

/** Script lines, nested lists flattened; `!reference [job, key]` (read as a list) resolved against the file. */
function lines(value: unknown, all: Record<string, unknown>, depth = 0): string[] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (!Array.isArray(value) || depth > 10) return [];
  const ref = value.length >= 2 && value.every((v) => typeof v === 'string') && isObject(all[value[0] as string]) ? (value as string[]) : undefined;
  if (ref) {
    let target: unknown = all[ref[0]!];
    for (const k of ref.slice(1)) target = isObject(target) ? target[k] : undefined;
    return lines(target, all, depth + 1);
  }
  return value.flatMap((v) => lines(v, all, depth + 1));
}

/** GitLab's predefined variables and the ones every shell has: not the project's secrets. */
const PREDEFINED = /^(?:CI|GITLAB|RUNNER|CHAT|TRIGGER|DOCKER_ENV)_|^(?:CI|GITLAB_CI|GITLAB_USER_LOGIN|HOME|PATH|PWD|USER|SHELL|HOSTNAME|TMPDIR|LANG)$/;
const VARIABLE_REF = /\$\{?([A-Z][A-Z0-9_]*)\}?/g;

function referencedVariables(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(VARIABLE_REF)) if (!PREDEFINED.test(m[1]!)) out.add(m[1]!);
  return out;
}

function variableNames(v: unknown): string[] {
  return isObject(v) ? Object.keys(v) : [];
}

function rules(rs: readonly RuleInput[] | undefined): GitlabRule[] | undefined {
  return rs?.map((r) => ({ ...(r.if !== undefined ? { if: r.if } : {}), when: r.when ?? 'on_success', ...(r.changes !== undefined || r.exists !== undefined ? { files: true } : {}) }));
}

const FULL_SHA = /^[0-9a-f]{40}$/i;

/** An include that brings in another owner's jobs, as an action use: pinned when its ref is a commit or its content is checked. */
function includeUses(entries: IncludeInput, source: Source): ActionUse[] {
  const out: ActionUse[] = [];
  for (const e of entries) {
    const entry = typeof e === 'string' ? (/^https?:\/\//.test(e) ? { remote: e } : { local: e }) : e;
    if ('project' in entry && entry.project) {
      out.push({ action: entry.project, ...(entry.ref ? { ref: entry.ref } : {}), pinned: entry.ref !== undefined && FULL_SHA.test(entry.ref), source });
    } else if ('remote' in entry && entry.remote) {
      out.push({ action: entry.remote, pinned: 'integrity' in entry && entry.integrity !== undefined, source });
    } else if ('component' in entry && entry.component) {
      // `host/group/project/name@version`: the project owns the component.
      const [path, ref] = entry.component.split('@') as [string, string | undefined];
      const project = path.split('/').slice(1, -1).join('/');
      out.push({ action: project, ...(ref ? { ref } : {}), pinned: ref !== undefined && FULL_SHA.test(ref), source });
    }
  }
  return out;
}

function environmentOf(e: JobInput['environment']): string | undefined {
  return e === undefined ? undefined : typeof e === 'string' ? e : e.name;
}

function needsOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((n) => (typeof n === 'string' ? [n] : isObject(n) && typeof n.job === 'string' ? [n.job] : []));
}

export function gitlabWorkflow(ctx: IngestContext, repo: Repository, g: PendingGitlab): Workflow {
  const src = (path: PathSegment[]) => ctx.source(g.doc, path);
  const all = g.value;
  const id = `pipeline:${repo.id}/${g.file}`;
  const workflowRules = all.workflow === undefined ? undefined : validate(ctx, g.doc, ['workflow'], workflowRulesSchema, all.workflow);
  const defaults = all.default === undefined ? {} : (validate(ctx, g.doc, ['default'], defaultSchema, all.default) ?? {});
  const includes = all.include === undefined ? [] : includeUses(validate(ctx, g.doc, ['include'], includeSchema, all.include) ?? [], src(['include']));
  const globals = { before_script: all.before_script, after_script: all.after_script, ...defaults } as Record<string, unknown>;

  const keys = Object.keys(all).filter((k) => !GLOBAL_KEYWORDS.has(k) && isObject(all[k]));
  for (const k of keys) validate(ctx, g.doc, [k], jobSchema, all[k]);
  const jobKeys = keys.filter((k) => !k.startsWith('.'));
  const resolved = new Map(jobKeys.map((k) => [k, resolveExtends(ctx, g.doc, all, k)]));

  // Every job sees every project variable: the ones any job's scripts name, less those the file sets.
  const scripts = new Map<string, string[]>();
  const defined = new Set([...variableNames(all.variables)]);
  for (const [k, job] of resolved) {
    const inherit = isObject(job.inherit) ? job.inherit.default : undefined;
    const fromDefault = (key: string) => (inherit === false || (Array.isArray(inherit) && !inherit.includes(key)) ? undefined : globals[key]);
    for (const key of ['before_script', 'after_script', 'id_tokens', 'image']) if (job[key] === undefined && fromDefault(key) !== undefined) job[key] = fromDefault(key);
    scripts.set(k, ['before_script', 'script', 'after_script'].flatMap((s) => lines(job[s], all)));
    for (const v of variableNames(job.variables)) defined.add(v);
    for (const t of variableNames(job.id_tokens)) defined.add(t);
  }
  const secrets = [...referencedVariables([...scripts.values()].flat())].filter((v) => !defined.has(v)).sort();
  const staticKeys = secrets.filter((s) => /^AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY)$/.test(s));

  const jobs: CiJob[] = [];
  for (const [key, raw] of resolved) {
    const job = jobSchema.safeParse(raw);
    if (!job.success) continue; // its problems are recorded at the job's own keys
    const j = job.data;
    const at = src([key]);
    const text = scripts.get(key)!;
    const environment = environmentOf(j.environment);
    const audiences = Object.values(j.id_tokens ?? {}).flatMap((t) => t.aud);
    const gitlab: GitlabConditions = {
      ...(j.rules ? { rules: rules(j.rules)! } : {}),
      ...(j.only ? { only: j.only as GitlabRefs } : {}),
      ...(j.except ? { except: j.except as GitlabRefs } : {}),
      ...(workflowRules?.rules ? { workflow: rules(workflowRules.rules)! } : {}),
    };
    jobs.push({
      key,
      gitlab,
      ...(audiences.length ? { audiences } : {}),
      idToken: j.id_tokens !== undefined && Object.keys(j.id_tokens).length > 0,
      permissionsGiven: true,
      needs: needsOf(j.needs),
      // The job token cannot push to its project unless a maintainer allows it.
      contentsWrite: false,
      ...(environment !== undefined ? { environment, ...(environment.includes('$') ? { environmentExpression: true } : {}) } : {}),
      actions: includes,
      aws: staticKeys.length ? [{ staticKeySecrets: staticKeys, source: at }] : [],
      secrets,
      deploys: text.flatMap((line) => deploySteps(line, at)),
      writesBack: text.some((line) => WRITES_BACK.test(line)),
      source: at,
    });
  }
  const triggers: Trigger[] = SOURCES.map((event) => ({ event, source: src([]) }));
  return { id, repository: repo.id, file: g.file, triggers, jobs, source: src([]) };
}
