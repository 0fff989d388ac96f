import type { CiPipeline, CiRun, Repository, Workflow } from '../../model/ci.js';
import type { Decision } from '../../policy/decision.js';
import { filterRegExp } from '../../policy/ci/filter.js';
import { substituteInputs } from '../../policy/ci/nodes.js';
import { actionNode, ANY_GITHUB_USER, mutableIncludes, strangerOf, thirdParty, writersOf } from '../../policy/ci/nodes.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'ci-modify',
  title: 'Who can make a CI pipeline run their code',
  edgeKind: 'modify',
  technique: 'T1195.002',
  description:
    "Writers of a repository change its workflows on an unprotected default branch (on GitLab, a Developer's own branch runs the pipeline file it pushes); the owner of a project a .gitlab-ci.yml includes at a movable ref writes its jobs; a stranger's pull request runs in a pull_request_target or workflow_run job that checks it out; the owner of an action used at a mutable ref runs code in every job that uses it.",
  remediation: 'Protect the default branch with required reviews; never check out pull request code in privileged triggers (or gate it behind an environment with reviewers); pin third-party actions to a full commit SHA.',
  workloadIndependent: true,
  cost: 15,
  find(model) {
    const out: Finding[] = [];
    const repos = new Map(model.ci.repositories.map((r) => [r.id, r]));
    const workflows = new Map(model.ci.workflows.map((w) => [w.id, w]));
    for (const p of model.pipelines) {
      if (!p.ci) continue;
      const repo = repos.get(p.ci.repository)!;
      if (p.ci.scope === 'branch') continue; // ci-own-branch
      if (p.ci.scope === 'workflow') out.push(...writers(p.id, repo, workflows.get(p.ci.workflow)!));
      else if (p.ci.scope === 'event') out.push(stranger(p.id, p.ci, workflows, repos));
      else out.push(...actionOwners(p.id, p.ci, workflows));
    }
    return out;
  },
};

const at = (s: { file: string; line?: number } | undefined) => (s?.line !== undefined ? ` (${s.file}:${s.line})` : '');

function protectionOf(repo: Repository, branch: string) {
  return repo.protections.find((p) => filterRegExp(p.pattern).test(branch));
}

/** Writers push to the default branch, which every trigger but push and pull requests runs from. */
function writers(id: string, repo: Repository, w: Workflow): Finding[] {
  const to = writersOf(repo.id);
  const edge = (from: string, decision: Decision['decision'], reason: string): Finding => ({ from, to: id, reason: `${from} may change ${id}: ${reason}`, decisions: [{ layer: 'pipeline', decision, policy: w.id, reason }] });
  if (!repo.declared && repo.platform === 'github') return [edge(to, 'conditional', `no Repository sidecar for ${repo.id}: GitHub's default assumed, an unprotected ${repo.defaultBranch} branch`)];
  const protection = protectionOf(repo, repo.defaultBranch);
  if (!protection) return [edge(to, 'allow', `${repo.defaultBranch} is not protected`)];
  const out: Finding[] = [];
  if (repo.platform === 'gitlab') {
    const assumed = repo.declared ? `${repo.defaultBranch} is protected (${protection.pattern})` : `no Repository sidecar for ${repo.id}: GitLab's default assumed, a protected ${repo.defaultBranch} branch`;
    const review = protection.reviews > 0 ? `, and a merge into it needs ${protection.reviews} approval${protection.reviews === 1 ? '' : 's'}` : '';
    out.push(edge(to, 'conditional', `${assumed}${review}: Maintainers push and merge there, while a Developer's own branch runs the .gitlab-ci.yml it pushes, on that branch's ref and without protected variables`));
    for (const pusher of protection.pushers) out.push(edge(pusher, 'allow', `may push to ${repo.defaultBranch} (${protection.pattern})`));
    for (const a of mutableIncludes(w)) {
      const reason = `${w.file} includes ${a.action}${a.ref ? ` at ${a.ref}` : ''}${at(a.source)}, which its owner can change: its jobs run in this pipeline`;
      out.push({ from: actionNode(a.action), to: id, reason: `${actionNode(a.action)} may change ${id}: ${reason}`, decisions: [{ layer: 'pipeline', decision: 'allow', policy: w.id, reason }] });
    }
    return out;
  }
  if (protection.reviews > 0) out.push(edge(to, 'conditional', `a change to ${repo.defaultBranch} needs ${protection.reviews} approving review${protection.reviews === 1 ? '' : 's'} (branch protection ${protection.pattern})`));
  else out.push(edge(to, 'allow', `${repo.defaultBranch} is protected (${protection.pattern}) but needs no review`));
  for (const pusher of protection.pushers) out.push(edge(pusher, 'allow', `may push past the protection of ${repo.defaultBranch} (${protection.pattern})`));
  return out;
}

/** What stands between a stranger's pull request and the job: its `if:`, a label, an environment's reviewers. */
function gates(ci: CiPipeline, runs: readonly CiRun[], workflows: Map<string, Workflow>, repoOf: (id: string) => Repository | undefined): string[] {
  const out: string[] = [];
  const w = workflows.get(ci.workflow)!;
  const top = w.jobs.find((j) => j.key === ci.job);
  if (top?.if && !/^\s*(?:always|success)\(\)\s*$/.test(top.if)) out.push(`job ${ci.job} runs only if ${top.if}`);
  const t = w.triggers.find((x) => x.event === ci.event);
  if (t?.types?.length && t.types.every((x) => x === 'labeled')) out.push(`${ci.event} runs only when a label is added (by someone with triage rights)`);
  for (const run of runs) {
    const origin = workflows.get(run.origin.workflow);
    if (run.facts.if && run.job !== ci.job && !/^\s*(?:always|success)\(\)\s*$/.test(run.facts.if)) out.push(`job ${run.job} runs only if ${run.facts.if}`);
    const repo = repoOf(origin?.repository ?? '');
    const envGate = (env: string, job: string) => {
      const settings = repo?.environments.find((e) => e.name === env);
      if (settings?.reviewers) out.push(`job ${job} waits for a reviewer of environment ${env}`);
      else if (!repo?.declared) out.push(`job ${job} uses environment ${env}, whose reviewers are unknown without a Repository sidecar`);
    };
    if (run.environment !== undefined) envGate(run.environment, run.job);
    for (const need of run.facts.needs) {
      const j = origin?.jobs.find((x) => x.key === need);
      const env = j?.environment === undefined ? undefined : top?.calls ? substituteInputs(j.environment, top.calls.with) : j.environment;
      if (env !== undefined) envGate(env, `${run.job.split('/').slice(0, -1).concat(need).join('/')} (needed first)`);
    }
  }
  return [...new Set(out)];
}

function stranger(id: string, ci: CiPipeline, workflows: Map<string, Workflow>, repos: Map<string, Repository>): Finding {
  const g = gates(ci, ci.runs, workflows, (r) => repos.get(r));
  const run = ci.runs[0]!;
  const how = run.facts.checkoutOf ? `checks out ${run.facts.checkoutOf.ref}${at(run.facts.checkoutOf.source)}` : `expands ${run.facts.injection!.expression} into a script${at(run.facts.injection!.source)}`;
  const who = strangerOf(repos.get(ci.repository));
  const whose = who.id === ANY_GITHUB_USER ? "any GitHub user's pull request" : `a pull request from anyone who can read the ${repos.get(ci.repository)!.visibility} repository`;
  const reason = `${whose} triggers ${ci.event}; job ${run.job} ${how}${g.length ? `, gated: ${g.join('; ')}` : ''}`;
  return { from: who.id, to: id, reason: `${who.id} may run code in ${id}: ${reason}`, decisions: [{ layer: 'pipeline', decision: g.length ? 'conditional' : 'allow', policy: ci.workflow, reason }] };
}

function actionOwners(id: string, ci: CiPipeline, workflows: Map<string, Workflow>): Finding[] {
  const job = workflows.get(ci.workflow)!.jobs.find((j) => j.key === ci.job)!;
  const uses = job.actions.filter((a) => !a.pinned && thirdParty(a.action, ci.repository)).map((a) => ({ action: a.action, ref: a.ref, source: a.source }));
  if (job.calls && !job.calls.pinned && thirdParty(job.calls.workflow, ci.repository)) uses.push({ action: job.calls.workflow.split('/').slice(0, 2).join('/'), ref: job.calls.workflow.split('@')[1], source: job.calls.source });
  const seen = new Set<string>();
  return uses.flatMap((u) => {
    if (seen.has(u.action)) return [];
    seen.add(u.action);
    const reason = `job ${ci.job} uses ${u.action}${u.ref ? `@${u.ref}` : ' without a ref'}${at(u.source)}, a ref its owner can move`;
    return [{ from: actionNode(u.action), to: id, reason: `${actionNode(u.action)} may run code in ${id}: ${reason}`, decisions: [{ layer: 'pipeline', decision: 'allow', policy: ci.workflow, reason }] }];
  });
}
