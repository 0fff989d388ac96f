/**
 * The OIDC claims a GitHub Actions run presents, from GitHub's "OpenID Connect reference"
 * (docs.github.com/actions/reference/openid-connect-reference):
 *
 * - `sub` is `repo:<owner>/<repo>:<context>`, where the context is `environment:<name>` when
 *   the job references an environment, else `pull_request` when a pull request event
 *   triggered the run, else `ref:<ref>` (`refs/heads/<branch>`, `refs/tags/<tag>`). A
 *   `pull_request_target`, `workflow_run` or `schedule` run is not a pull request run: it
 *   runs on a branch of the base repository and presents that branch's ref.
 * - Repositories with immutable subjects (created after 2026-07-15, or opted in) write the
 *   owner and repository ids: `repo:<owner>@<owner-id>/<repo>@<repo-id>:<context>`.
 * - An organisation or repository may set a custom template (`include_claim_keys`): the
 *   listed claims in order, each `key:value`, `context` standing for the default context.
 * - `aud` defaults to the owner's URL; `aws-actions/configure-aws-credentials` asks for
 *   `sts.amazonaws.com`, and code running in the job may ask for any audience.
 * - A pull request from a fork gets no token (`id-token: write` is a write permission,
 *   which fork runs never receive) and no secrets.
 *
 * GitLab's claims are in gitlab-claims.ts; a writer's own branch (any context the writer
 * picks) is worked out here for GitHub.
 */
import type { CiRun, Repository } from '../../model/ci.js';
import { filterRegExp, instance, passes } from './filter.js';
import { ANY_OTHER_BRANCH, gitlabClaimsOf } from './gitlab-claims.js';

export const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
/** GitLab.com's issuer; a self-managed instance's comes from the Repository sidecar (`oidc.issuer`). */
export const GITLAB_ISSUER = 'gitlab.com';
/** IAM's condition keys for an OIDC provider are `<issuer host and path>:<claim>`. */
export const subKey = (issuer: string) => `${issuer}:sub`;
export const audKey = (issuer: string) => `${issuer}:aud`;
export const SUB_KEY = subKey(GITHUB_ISSUER);
export const DEFAULT_AWS_AUDIENCE = 'sts.amazonaws.com';

export interface Claims {
  /** undefined when it cannot be computed (the owner is unknown, an environment is an expression). */
  sub?: string;
  context: string;
  ref?: string;
  environment?: string;
  /** GitLab: the job runs for these claims only if these `rules:` (which lateral cannot decide) let it. */
  gates?: string[];
}

/** Names the trust policies' subjects mention, to try as candidate branches, tags and environments. */
export interface Candidates {
  branches: string[];
  tags: string[];
  environments: string[];
}

/** Candidate names from subject patterns such as `repo:o/r:ref:refs/heads/release-*`. */
export function candidatesFrom(subjects: readonly string[]): Candidates {
  const c: Candidates = { branches: [], tags: [], environments: [] };
  for (const s of subjects) {
    // GitHub's `ref:refs/heads/<branch>`, GitLab's `ref_type:branch:ref:<branch>`.
    const branch = /:ref:refs\/heads\/(.+)$/.exec(s) ?? /:ref_type:branch:ref:(.+)$/.exec(s);
    const tag = /:ref:refs\/tags\/(.+)$/.exec(s) ?? /:ref_type:tag:ref:(.+)$/.exec(s);
    const env = /:environment:([^:]+)$/.exec(s);
    if (branch) c.branches.push(instance(branch[1]!));
    if (tag) c.tags.push(instance(tag[1]!));
    if (env) c.environments.push(instance(env[1]!));
  }
  return c;
}

function subjectRepo(repo: Repository): string | undefined {
  if (!repo.owner) return undefined;
  return repo.ids ? `${repo.owner}@${repo.ids.owner}/${repo.name}@${repo.ids.repo}` : `${repo.owner}/${repo.name}`;
}

function subject(repo: Repository, run: CiRun, context: string, ref: string | undefined): string | undefined {
  const r = subjectRepo(repo);
  if (r === undefined) return undefined;
  const keys = repo.subClaimKeys ?? ['repo', 'context'];
  const parts: string[] = [];
  for (const k of keys) {
    const v = claimValue(k, repo, run, context, ref, r);
    if (v === undefined) return undefined;
    parts.push(k === 'context' ? v : `${k}:${v}`);
  }
  return parts.join(':');
}

function claimValue(key: string, repo: Repository, run: CiRun, context: string, ref: string | undefined, subjectRepository: string): string | undefined {
  switch (key) {
    case 'repo':
      return subjectRepository;
    case 'context':
      return context;
    case 'ref':
      return ref;
    case 'environment':
      return run.environment;
    case 'event_name':
      return run.event;
    case 'repository_owner':
      return repo.owner;
    case 'ref_type':
      return ref?.startsWith('refs/tags/') ? 'tag' : 'branch';
    case 'job_workflow_ref': {
      const file = run.origin.workflow.slice(run.origin.workflow.lastIndexOf('/') + 1);
      return ref === undefined ? undefined : `${repo.id}/.github/workflows/${file}@${ref}`;
    }
    default:
      return undefined; // actor, run ids, …: unknown before the run
  }
}

const uniq = (xs: readonly string[]) => [...new Set(xs)].sort();

/** The refs a run's ref space admits among the candidates (a branch named in a filter, the default branch, a name the trust policies use). */
function refs(run: CiRun, repo: Repository, c: Candidates): string[] {
  const out: string[] = [];
  for (const space of run.refs) {
    if (space.kind === 'pull_request') continue;
    if (space.kind === 'branch') {
      if (space.defaultOnly) {
        out.push(`refs/heads/${repo.defaultBranch}`);
        continue;
      }
      const names = uniq([repo.defaultBranch, ...c.branches, ...(space.filter?.patterns ?? []).filter((p) => !p.startsWith('!')).map(instance), ...repo.protections.map((p) => instance(p.pattern))]);
      for (const n of names) if (passes(space.filter, n)) out.push(`refs/heads/${n}`);
    } else {
      const names = uniq(['v1', ...c.tags, ...(space.filter?.patterns ?? []).filter((p) => !p.startsWith('!')).map(instance)]);
      for (const n of names) if (passes(space.filter, n)) out.push(`refs/tags/${n}`);
    }
  }
  return uniq(out);
}

/** Every distinct claim set a run can present, given the names the trust policies mention. */
export function claimsOf(run: CiRun, repo: Repository, c: Candidates): Claims[] {
  if (!run.idToken) return [];
  if (repo.platform === 'gitlab') return gitlabClaimsOf(run, repo, c);
  if (run.writerBranch) return writerBranchClaims(run, repo, c);
  const out: Claims[] = [];
  // The branches an environment's deployment policy names are worth trying as well.
  const deployable = repo.environments.filter((e) => !run.environmentExpression && e.name === run.environment).flatMap((e) => (e.branches ?? []).map(instance));
  const refList = refs(run, repo, { ...c, branches: [...c.branches, ...deployable] });
  const pr = run.refs.some((s) => s.kind === 'pull_request');
  if (run.environment !== undefined) {
    // An expression names an environment lateral cannot evaluate: try the ones the trust policies name.
    const envs = run.environmentExpression ? uniq(c.environments) : [run.environment];
    if (envs.length === 0) out.push({ context: `environment:${run.environment}` }); // no subject: the trust decides conditionally
    for (const env of envs) {
      const r = { ...run, environment: env };
      const context = `environment:${env}`;
      // A deployment-branch policy lets only its branches run a job in the environment (a pull request's merge ref is none of them).
      const policy = repo.environments.find((e) => e.name === env)?.branches;
      const admits = (ref: string) => !policy || (ref.startsWith('refs/heads/') && policy.some((p) => filterRegExp(p).test(ref.slice('refs/heads/'.length))));
      if (refList.length === 0 && pr && !policy) out.push({ context, environment: env, ...opt(subject(repo, r, context, undefined)) });
      for (const ref of refList.filter(admits)) out.push({ context, ref, environment: env, ...opt(subject(repo, r, context, ref)) });
    }
    return dedupe(out);
  }
  if (pr) out.push({ context: 'pull_request', ...opt(subject(repo, run, 'pull_request', undefined)) });
  for (const ref of refList) out.push({ context: `ref:${ref}`, ref, ...opt(subject(repo, run, `ref:${ref}`, ref)) });
  return dedupe(out);
}

/** A branch the trust names is open to a writer only if no protection covers it, which without a sidecar is assumed, not known. */
export function unprotectedGate(repo: Repository, branch: string): { gates?: string[] } {
  return repo.declared || branch === ANY_OTHER_BRANCH ? {} : { gates: [`branch ${branch} is unprotected (no Repository sidecar says otherwise)`] };
}

/** Branches a writer may push to: not the default branch (the workflow node's) and no protected one. */
export function writerBranches(repo: Repository, c: Candidates): string[] {
  return uniq([...c.branches, ANY_OTHER_BRANCH]).filter((b) => b !== repo.defaultBranch && !repo.protections.some((p) => filterRegExp(p.pattern).test(b)));
}

/**
 * A writer's own branch: a push of it (or of a tag, or a pull request from it) runs the
 * workflow files the writer wrote there, so any context they choose: every unprotected
 * branch the trusts name (or any other), any tag, `pull_request`, and an environment whose
 * deployment-branch policy lets such a branch in (behind its reviewers, if it has any).
 */
function writerBranchClaims(run: CiRun, repo: Repository, c: Candidates): Claims[] {
  const branches = writerBranches(repo, c);
  const out: Claims[] = [{ context: 'pull_request', ...opt(subject(repo, run, 'pull_request', undefined)) }];
  for (const b of branches) out.push({ context: `ref:refs/heads/${b}`, ref: `refs/heads/${b}`, ...opt(subject(repo, run, `ref:refs/heads/${b}`, `refs/heads/${b}`)), ...unprotectedGate(repo, b) });
  for (const t of uniq(['v1', ...c.tags])) out.push({ context: `ref:refs/tags/${t}`, ref: `refs/tags/${t}`, ...opt(subject(repo, run, `ref:refs/tags/${t}`, `refs/tags/${t}`)) });
  for (const env of uniq(c.environments)) {
    const settings = repo.environments.find((e) => e.name === env);
    const branch = settings?.branches ? branches.find((b) => settings.branches!.some((p) => filterRegExp(p).test(b))) : branches[0];
    if (branch === undefined) continue; // its deployment branches are all protected
    const gates = settings?.reviewers ? [`environment ${env} waits for a reviewer`] : repo.declared ? [] : [`environment ${env}, whose reviewers are unknown without a Repository sidecar`];
    const r = { ...run, environment: env };
    const context = `environment:${env}`;
    out.push({ context, ref: `refs/heads/${branch}`, environment: env, ...opt(subject(repo, r, context, `refs/heads/${branch}`)), ...(gates.length ? { gates } : {}) });
  }
  return dedupe(out);
}

const opt = (sub: string | undefined) => (sub === undefined ? {} : { sub });

function dedupe(cs: Claims[]): Claims[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const k = `${c.sub ?? ''}\u0000${c.context}`;
    return !seen.has(k) && (seen.add(k), true);
  });
}

/** The audiences the run asks for: its AWS step's (the action's default when none is written), or GitLab's `id_tokens` auds. */
export function audiencesOf(run: CiRun): string[] {
  if (run.facts.audiences) return run.facts.audiences;
  return [run.facts.aws.find((a) => a.audience !== undefined)?.audience ?? DEFAULT_AWS_AUDIENCE];
}
