/**
 * The OIDC claims a GitLab CI job presents, from GitLab's "OpenID Connect (OIDC)
 * Authentication Using ID Tokens" (docs.gitlab.com/ci/secrets/id_token_authentication):
 *
 * - A job gets a token only through `id_tokens:`, each with the `aud` it names.
 * - `sub` is `project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>`: the ref is
 *   the bare branch or tag name, with no `refs/heads/`. A project may change the components
 *   (`ci_id_token_sub_claim_components`, project_path first), each written `key:value`.
 * - A merge request pipeline runs the source branch's code and presents that branch; it
 *   needs the Developer role in the source project, and one from a fork runs in the fork
 *   (its project_path, none of this project's variables), so a stranger's fork cannot present
 *   this project's subject. Such pipelines never count as protected.
 * - `iss` is the instance: `gitlab.com`, or a self-managed host.
 */
import type { CiJob, CiRun, Repository } from '../../model/ci.js';
import type { Candidates, Claims } from './claims.js';
import { filterRegExp, instance } from './filter.js';
import { runsIn, type PipelineContext } from './gitlab-rules.js';

/** A branch name no protection or trust names: stands for "any other branch" a Developer pushes. */
export const ANY_OTHER_BRANCH = 'lateral-any-branch';

export function isProtected(repo: Repository, refType: 'branch' | 'tag', ref: string): boolean {
  return refType === 'branch' && repo.protections.some((p) => filterRegExp(p.pattern).test(ref));
}

/** Whether the job can run in some pipeline of this source, on a ref not yet chosen. */
export function runsUnder(job: CiJob, repo: Repository, source: PipelineContext['source']): boolean {
  const base = { source, defaultBranch: repo.defaultBranch, project: repo.id };
  if (source === 'schedule') return runsIn(job.gitlab, { ...base, refType: 'branch', ref: repo.defaultBranch }).verdict !== 'no';
  const types = source === 'merge_request_event' ? (['branch'] as const) : (['branch', 'tag'] as const);
  return types.some((refType) => runsIn(job.gitlab, { ...base, refType }).verdict !== 'no');
}

/** Whether the run can be on a protected branch, where GitLab's protected variables are given. */
export function onProtectedRef(run: CiRun, repo: Repository): boolean {
  if (run.event === 'merge_request_event' || run.writerBranch) return false;
  const source = run.event as PipelineContext['source'];
  const refs = [repo.defaultBranch, ...repo.protections.map((p) => instance(p.pattern))];
  return refs.some((ref) => isProtected(repo, 'branch', ref) && runsIn(run.facts.gitlab, { source, refType: 'branch', ref, defaultBranch: repo.defaultBranch, protectedRef: true, project: repo.id }).verdict !== 'no');
}

/** The pipelines a run's source can be, over the refs worth trying. */
export function gitlabContexts(run: CiRun, repo: Repository, c: Candidates): PipelineContext[] {
  const base = { defaultBranch: repo.defaultBranch, project: repo.id };
  if (run.writerBranch) {
    // A Developer's own branch runs the file they push: its branch pipelines, merge requests from it, tags.
    const branches = [...new Set([...c.branches, ANY_OTHER_BRANCH])].filter((b) => b !== repo.defaultBranch && !isProtected(repo, 'branch', b)).sort();
    return [
      ...branches.flatMap((ref) => (['push', 'merge_request_event'] as const).map((source) => ({ ...base, source, refType: 'branch' as const, ref, protectedRef: false }))),
      ...[...new Set(['v1', ...c.tags])].sort().map((ref) => ({ ...base, source: 'push' as const, refType: 'tag' as const, ref, protectedRef: false })),
    ];
  }
  const source = run.event as PipelineContext['source'];
  const branches = [...new Set([repo.defaultBranch, ...c.branches, ...repo.protections.map((p) => instance(p.pattern)), ANY_OTHER_BRANCH])].sort();
  const tags = [...new Set(['v1', ...c.tags])].sort();
  const out: PipelineContext[] = [];
  if (source === 'schedule') out.push({ ...base, source, refType: 'branch', ref: repo.defaultBranch, protectedRef: isProtected(repo, 'branch', repo.defaultBranch) });
  else {
    for (const ref of branches) out.push({ ...base, source, refType: 'branch', ref, protectedRef: source === 'push' && isProtected(repo, 'branch', ref) });
    if (source === 'push') for (const ref of tags) out.push({ ...base, source, refType: 'tag', ref, protectedRef: false });
  }
  return out.filter((ctx) => runsIn(run.facts.gitlab, ctx).verdict !== 'no');
}

function claimValue(key: string, repo: Repository, run: CiRun, ctx: Required<PipelineContext>): string | undefined {
  switch (key) {
    case 'project_path':
      return repo.owner ? repo.id : undefined; // a folder that names no group: the path is unknown
    case 'namespace_path':
      return repo.owner;
    case 'project_id':
      return repo.ids?.repo;
    case 'namespace_id':
      return repo.ids?.owner;
    case 'ref_type':
      return ctx.refType;
    case 'ref':
      return ctx.ref;
    case 'ref_protected':
      return String(ctx.protectedRef);
    case 'pipeline_source':
      return ctx.source;
    case 'environment':
      return run.environmentExpression ? undefined : run.environment;
    default:
      return undefined; // user, pipeline and job ids: unknown before the run
  }
}

export function gitlabClaimsOf(run: CiRun, repo: Repository, c: Candidates): Claims[] {
  const keys = repo.subClaimKeys ?? ['project_path', 'ref_type', 'ref'];
  const out: Claims[] = [];
  for (const ctx of gitlabContexts(run, repo, c)) {
    const values = keys.map((k) => claimValue(k, repo, run, ctx as Required<PipelineContext>));
    const sub = values.every((v) => v !== undefined) ? keys.map((k, i) => `${k}:${values[i]}`).join(':') : undefined;
    const gates = run.writerBranch ? (ctx.refType === 'branch' && !repo.declared && ctx.ref !== ANY_OTHER_BRANCH ? [`branch ${ctx.ref} is unprotected (no Repository sidecar says otherwise)`] : []) : runsIn(run.facts.gitlab, ctx).gates;
    out.push({
      context: `${ctx.source} ref_type:${ctx.refType}:ref:${ctx.ref}`,
      ref: ctx.ref,
      ...(sub !== undefined ? { sub } : {}),
      ...(run.environment !== undefined ? { environment: run.environment } : {}),
      ...(gates.length ? { gates } : {}),
    });
  }
  return out;
}
