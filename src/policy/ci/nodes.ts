/**
 * The pipeline nodes CI workflows make, and the runs each stands for. Who controls a
 * pipeline's code decides what it can reach, so one workflow makes up to three kinds of node:
 *
 * - the workflow, `pipeline:<repo>/<file>`: whoever changes its file controls every job
 *   under every trigger (a writer pushing to an unprotected default branch; the
 *   `poisoned-pipeline` scenario);
 * - a job, `pipeline:<repo>/<file>#<job>`: whoever controls an action the job uses at a
 *   mutable ref controls that job under every trigger;
 * - a job as one event runs it, `pipeline:<repo>/<file>#<job>@<event>`: a stranger whose
 *   pull request is checked out (or whose title is expanded into a script) by a
 *   `pull_request_target`, `workflow_run` or `issue_comment` run controls that run only.
 *
 * Beside those, `pipeline:<repo>@writer-branch` is a writer's own branch: a writer pushes a
 * branch (or a tag) with workflow files of their own, and its push runs them with the
 * repository's secrets and an OIDC token presenting that ref (GitLab: without protected
 * variables). A trust meant for one workflow on main but written `repo:o/r:*` admits it.
 *
 * A job of a reusable workflow (`uses: ./.github/workflows/x.yml`) runs in its caller's
 * runs: the caller's event, ref and inputs, its own steps and environment.
 */
import type { ActionUse, CiJob, CiModel, CiPipeline, CiRun, RefSpace, Repository, Trigger, Workflow } from '../../model/ci.js';
import type { Identity, Pipeline } from '../../model/model.js';
import { PR_HEAD } from '../../ingest/github-actions/steps.js';
import { runsUnder } from './gitlab-claims.js';

/** Pull request events: the subject's context is `pull_request`; a fork's run gets no token and no secrets. */
export const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

/** Events a stranger can cause that run with the base repository's token and secrets. */
export const STRANGER_EVENTS = new Set(['pull_request_target', 'workflow_run', 'issue_comment', 'issues', 'discussion', 'discussion_comment']);

export const ANY_GITHUB_USER = 'user:any-github-user';
export const readersOf = (repo: string) => `group:${repo}:readers`;

/** Who opens a pull request, a comment or an issue on the repository: anyone on GitHub, or for a private or internal one its readers. */
export function strangerOf(repo: Repository | undefined): Identity {
  return repo?.visibility === 'private' || repo?.visibility === 'internal'
    ? { id: readersOf(repo.id), name: `readers of ${repo.id} (${repo.visibility})`, kind: 'ci-writers' }
    : { id: ANY_GITHUB_USER, name: 'any GitHub user', kind: 'human' };
}
export const writersOf = (repo: string) => `group:${repo}:writers`;
/** A writer's own branch: the workflow files there are whatever the writer pushes. */
export const writerBranchOf = (repo: string) => `pipeline:${repo}@writer-branch`;
const ANY_JOB = '(any job the writer pushes)';
export const actionNode = (action: string) => `action:${action}`;
export const secretNode = (repo: string, name: string) => `github-secret:${repo}/${name}`;

/** GitHub's own actions (`actions/*`, `github/*`) come with the platform, and the repository's owner's are its own; any other owner is a third party. */
export function thirdParty(action: string, repository: string): boolean {
  const owner = action.split('/')[0];
  return !action.startsWith('./') && !/^(?:actions|github)\//.test(action) && owner !== repository.split('/')[0];
}

/** A GitLab file's includes of another owner's project, URL or component at a ref that can move (every job carries them). */
export function mutableIncludes(w: Workflow): ActionUse[] {
  const seen = new Set<string>();
  return (w.jobs[0]?.actions ?? []).filter((a) => !a.pinned && thirdParty(a.action, w.repository) && !seen.has(a.action) && (seen.add(a.action), true));
}

const GLOB = (patterns: string[]) => ({ patterns, ignore: [] });

/**
 * The refs a trigger's runs present, from "Events that trigger workflows": a push runs on the
 * pushed branch or tag, a pull request event on the pull request (`pull_request` subject),
 * `pull_request_target` on the base branch, `workflow_dispatch` on the branch or tag chosen,
 * `release` on its tag, `merge_group` on the queue's branch, and most others (schedule,
 * workflow_run, issue_comment, repository_dispatch…) on the default branch.
 */
export function refsOf(t: Trigger): RefSpace[] {
  switch (t.event) {
    case 'push':
      if (t.branches && !t.tags) return [{ kind: 'branch', filter: t.branches }];
      if (t.tags && !t.branches) return [{ kind: 'tag', filter: t.tags }];
      return [
        { kind: 'branch', ...(t.branches ? { filter: t.branches } : {}) },
        { kind: 'tag', ...(t.tags ? { filter: t.tags } : {}) },
      ];
    case 'pull_request_target':
      return [{ kind: 'branch', ...(t.branches ? { filter: t.branches } : {}) }];
    case 'workflow_dispatch':
    case 'create':
    case 'delete':
      return [{ kind: 'branch' }, { kind: 'tag' }];
    case 'release':
      return [{ kind: 'tag' }];
    case 'merge_group':
      return [{ kind: 'branch', filter: GLOB(['gh-readonly-queue/**']) }];
    case 'workflow_call':
      return [];
    case 'merge_request_event': // GitLab: the merge request's source branch
      return [{ kind: 'branch' }];
    default:
      return PULL_REQUEST_EVENTS.has(t.event) ? [{ kind: 'pull_request' }] : [{ kind: 'branch', defaultOnly: true }];
  }
}

/** A job as it runs: its path from the workflow's jobs and where it is defined. */
interface Expanded {
  path: string;
  top: string;
  facts: CiJob;
  origin: { workflow: string; job: string };
  /** Reusable workflows on the way, by id. */
  via: string[];
}

const MAX_CALL_DEPTH = 4; // GitHub allows four levels of nested reusable workflows

/** `${{ inputs.x }}` replaced by what the caller passes (`with:`); an input not passed stays as written. */
export function substituteInputs(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (whole, name: string) => inputs[name] ?? whole);
}

/** A called job's facts as its caller runs it: the caller's inputs in, its token rights capped by the caller's. */
function asCalled(caller: CiJob, called: CiJob, inputs: Record<string, string>): CiJob {
  const environment = called.environment === undefined ? undefined : substituteInputs(called.environment, inputs);
  const checkoutRef = called.checkoutOf ? substituteInputs(called.checkoutOf.ref, inputs) : undefined;
  return {
    ...called,
    idToken: caller.idToken && (called.permissionsGiven ? called.idToken : true),
    contentsWrite: caller.contentsWrite === false ? false : called.permissionsGiven ? called.contentsWrite : caller.contentsWrite,
    ...(environment !== undefined ? { environment, environmentExpression: environment.includes('${{') } : {}),
    ...(called.checkoutOf ? { checkoutOf: { ...called.checkoutOf, ref: checkoutRef! } } : {}),
    deploys: called.deploys.map((d) => (d.namespace ? { ...d, namespace: substituteInputs(d.namespace, inputs), expression: substituteInputs(d.namespace, inputs).includes('$') } : d)),
  };
}

function expand(w: Workflow, byId: Map<string, Workflow>, depth = 0, via: string[] = []): Expanded[] {
  const out: Expanded[] = [];
  for (const job of w.jobs) {
    const called = job.calls?.workflow.startsWith('./') ? byId.get(`pipeline:${w.repository}/${job.calls.workflow.split('/').pop()}`) : undefined;
    if (!called || depth >= MAX_CALL_DEPTH || via.includes(called.id)) {
      out.push({ path: job.key, top: job.key, facts: job, origin: { workflow: w.id, job: job.key }, via });
      continue;
    }
    for (const e of expand(called, byId, depth + 1, [...via, called.id])) {
      out.push({ path: `${job.key}/${e.path}`, top: job.key, facts: asCalled(job, e.facts, job.calls!.with), origin: e.origin, via: e.via });
    }
  }
  return out;
}

function run(w: Workflow, t: Trigger, e: Expanded): CiRun {
  const f = e.facts;
  return {
    workflow: w.id,
    job: e.path,
    event: t.event,
    refs: refsOf(t),
    ...(f.environment !== undefined ? { environment: f.environment, ...(f.environmentExpression ? { environmentExpression: true } : {}) } : {}),
    idToken: f.idToken,
    facts: f,
    origin: e.origin,
    ...(t.source ? { source: t.source } : {}),
  };
}

/** Code a stranger wrote runs in this job: it checks out the pull request's head, or expands a stranger's text into a script. */
export function runsStrangerCode(f: CiJob): boolean {
  return (f.checkoutOf !== undefined && PR_HEAD.test(f.checkoutOf.ref)) || f.injection !== undefined;
}

function holdsSomething(runs: readonly CiRun[]): boolean {
  return runs.some((r) => r.idToken || r.facts.secrets.length > 0 || r.facts.aws.length > 0);
}

export function ciPipelines(ci: CiModel): { pipelines: Pipeline[]; identities: Identity[] } {
  const byId = new Map(ci.workflows.map((w) => [w.id, w]));
  const repoOf = new Map(ci.repositories.map((r) => [r.id, r]));
  const expanded = new Map(ci.workflows.map((w) => [w.id, expand(w, byId)]));
  const runsOf = new Map<string, CiRun[]>(ci.workflows.map((w) => [w.id, []]));
  for (const w of ci.workflows) {
    for (const t of w.triggers) {
      if (t.event === 'workflow_call') continue;
      const repo = repoOf.get(w.repository)!;
      for (const e of expanded.get(w.id)!) {
        if (repo.platform === 'gitlab' && !runsUnder(e.facts, repo, t.event as 'push')) continue;
        const r = run(w, t, e);
        runsOf.get(w.id)!.push(r);
        // A reusable workflow's own node stands for every run of its jobs, in whichever caller.
        for (const id of e.via) runsOf.get(id)?.push(r);
      }
    }
  }
  const pipelines: Pipeline[] = [];
  const identities = new Map<string, Identity>();
  const pipeline = (id: string, name: string, ci: CiPipeline, source: Pipeline['source']) =>
    pipelines.push({ id, name, identities: [], deploysTo: [], modifiableBy: [], ci, ...(source ? { source } : {}) });
  const identity = (i: Identity) => identities.has(i.id) || identities.set(i.id, i);

  for (const repo of ci.repositories) {
    identity({ id: writersOf(repo.id), name: `writers of ${repo.id}`, kind: 'ci-writers' });
    const id = writerBranchOf(repo.id);
    const secrets = [...new Set([...Object.keys(repo.secretIdentities), ...(repo.platform === 'gitlab' ? ci.workflows.filter((w) => w.repository === repo.id).flatMap((w) => w.jobs[0]?.secrets ?? []) : [])])].sort();
    const job: CiJob = { key: ANY_JOB, idToken: true, permissionsGiven: true, needs: [], contentsWrite: false, actions: [], aws: [], secrets, deploys: [], writesBack: false, ...(repo.source ? { source: repo.source } : {}) };
    const runs: CiRun[] = [{ workflow: id, job: ANY_JOB, event: 'push', refs: [{ kind: 'branch' }, { kind: 'tag' }], idToken: true, facts: job, origin: { workflow: id, job: ANY_JOB }, writerBranch: true }];
    pipeline(id, `a writer's own branch of ${repo.id}`, { scope: 'branch', repository: repo.id, workflow: id, runs }, repo.source);
  }
  for (const w of ci.workflows) {
    const runs = runsOf.get(w.id)!;
    pipeline(w.id, `${w.repository}/${w.file}`, { scope: 'workflow', repository: w.repository, workflow: w.id, runs }, w.source);
    const repo = repoOf.get(w.repository)!;
    if (repo.platform === 'gitlab') {
      // An included project's owner writes the whole file's jobs, not one job's steps.
      for (const a of mutableIncludes(w)) identity({ id: actionNode(a.action), name: a.action, kind: 'ci-action' });
      for (const name of new Set(w.jobs.flatMap((j) => j.aws.flatMap((a) => a.staticKeySecrets)))) {
        if (!(name in repo.secretIdentities)) identity({ id: secretNode(w.repository, name), name: `${w.repository} variable ${name}`, kind: 'ci-secret', credential: { type: 'static' } });
      }
      continue;
    }
    for (const job of w.jobs) {
      // A stranger's code in one job as one event runs it.
      for (const t of w.triggers) {
        if (!STRANGER_EVENTS.has(t.event)) continue;
        const mine = runs.filter((r) => r.workflow === w.id && r.event === t.event && r.job.split('/')[0] === job.key && runsStrangerCode(r.facts));
        if (!mine.length) continue;
        identity(strangerOf(repo));
        pipeline(`${w.id}#${job.key}@${t.event}`, `${w.repository}/${w.file} job ${job.key} on ${t.event}`, { scope: 'event', repository: w.repository, workflow: w.id, job: job.key, event: t.event, runs: mine }, job.source);
      }
      // A third party's action at a mutable ref, in a job holding a token or secrets.
      const jobRuns = runs.filter((r) => r.origin.workflow === w.id && r.origin.job === job.key);
      const mutable = [...job.actions.filter((a) => !a.pinned && thirdParty(a.action, w.repository)).map((a) => a.action), ...(job.calls && !job.calls.pinned && thirdParty(job.calls.workflow, w.repository) ? [job.calls.workflow.split('/').slice(0, 2).join('/')] : [])];
      if (mutable.length && holdsSomething(jobRuns)) {
        for (const a of new Set(mutable)) identity({ id: actionNode(a), name: a, kind: 'ci-action' });
        pipeline(`${w.id}#${job.key}`, `${w.repository}/${w.file} job ${job.key}`, { scope: 'job', repository: w.repository, workflow: w.id, job: job.key, runs: jobRuns }, job.source);
      }
      // Static cloud keys the job reads from secrets.
      for (const name of job.aws.flatMap((a) => a.staticKeySecrets)) {
        if (!(name in repo.secretIdentities)) identity({ id: secretNode(w.repository, name), name: `${w.repository} secret ${name}`, kind: 'ci-secret', credential: { type: 'static' } });
      }
    }
  }
  return { pipelines, identities: [...identities.values()] };
}
