/**
 * CI findings worth a reviewer's eye even where no path uses them yet (a lint, printed as
 * warnings until `lateral lint` exists): static cloud keys in workflows, OIDC trust
 * policies whose subject admits pull requests, any branch or any repository (GitLab: any
 * project of a group, any branch or tag), third-party actions (GitLab: includes) at mutable
 * refs in jobs that can mint an OIDC token, privileged triggers that run a stranger's code,
 * and a literal `role-to-assume` whose trust admits none of the job's runs.
 */
import type { Model, Source } from '../../model/model.js';
import type { IamDocument } from '../../model/aws.js';
import { compileWildcard } from '../iam/wildcard.js';
import { GITHUB_ISSUER, subKey } from './claims.js';
import { ciIssuers, oidcJoin, oidcRoles } from './oidc-join.js';
import { mutableIncludes, thirdParty } from './nodes.js';

export type CiFindingCode = 'ci-static-keys' | 'ci-broad-trust' | 'ci-mutable-action' | 'ci-untrusted-code' | 'ci-role-mismatch';

export interface CiWarning {
  kind: CiFindingCode;
  why: string;
  file?: string;
  line?: number;
}

const at = (s: Source | undefined) => (s ? { file: s.file, ...(s.line !== undefined ? { line: s.line } : {}) } : {});

/** What a GitLab subject pattern admits beyond one project's one branch. */
function gitlabBreadth(pattern: string): string[] {
  const path = pattern.startsWith('project_path:') ? pattern.slice('project_path:'.length).split(':')[0]! : '';
  const at = path.lastIndexOf('/');
  const group = at > 0 && !path.slice(0, at).includes('*') ? path.slice(0, at) : 'lateral-probe';
  const project = at > 0 && !path.slice(at + 1).includes('*') ? path.slice(at + 1) : 'lateral-probe';
  const like = compileWildcard(pattern, false);
  const out: string[] = [];
  if (like(`project_path:${group}/lateral-probe-project:ref_type:branch:ref:main`) || like(`project_path:lateral-probe/${project}:ref_type:branch:ref:main`)) out.push('any project');
  if (like(`project_path:${group}/${project}:ref_type:branch:ref:lateral-probe-branch`)) out.push('any branch');
  if (like(`project_path:${group}/${project}:ref_type:tag:ref:lateral-probe-tag`)) out.push('any tag');
  return out;
}

/** What a subject pattern admits beyond one repository's one branch or environment. */
function breadth(pattern: string): string[] {
  const m = /^repo:([^/:]+)\/([^:]+)/.exec(pattern);
  const owner = m?.[1] ?? 'lateral-probe';
  const repo = m?.[2] && !m[2].includes('*') ? m[2] : 'lateral-probe';
  const like = compileWildcard(pattern, false);
  const out: string[] = [];
  if (like(`repo:${owner}/lateral-probe-repo:ref:refs/heads/main`) || like(`repo:lateral-probe/${repo}:ref:refs/heads/main`)) out.push('any repository');
  if (like(`repo:${owner}/${repo}:pull_request`)) out.push('pull requests');
  if (like(`repo:${owner}/${repo}:ref:refs/heads/lateral-probe-branch`)) out.push('any branch');
  return out;
}

/** Subject patterns compared with StringLike: only there is `*` a wildcard. */
function likeSubjects(trust: IamDocument | undefined, issuer: string): string[] {
  const key = subKey(issuer).toLowerCase();
  const out: string[] = [];
  for (const st of trust?.statements ?? []) {
    if (st.effect !== 'Allow') continue;
    for (const [op, keys] of Object.entries(st.condition ?? {})) {
      if (!/StringLike/.test(op) || /Not/.test(op)) continue;
      for (const [k, vs] of Object.entries(keys)) if (k.toLowerCase() === key) out.push(...vs);
    }
  }
  return out;
}

export function ciWarnings(model: Model): CiWarning[] {
  const out: CiWarning[] = [];
  const platform = new Map(model.ci.repositories.map((r) => [r.id, r.platform]));
  for (const w of model.ci.workflows) {
    if (platform.get(w.repository) === 'gitlab') {
      out.push(...gitlabWarnings(w));
      continue;
    }
    for (const job of w.jobs) {
      for (const a of job.aws) {
        for (const s of a.staticKeySecrets) out.push({ kind: 'ci-static-keys', why: `${w.id} job ${job.key} reads static AWS keys from secrets.${s}: federate with OIDC instead`, ...at(a.source) });
      }
      if (job.idToken) {
        for (const a of job.actions) {
          if (!a.pinned && thirdParty(a.action, w.repository)) out.push({ kind: 'ci-mutable-action', why: `${w.id} job ${job.key} holds id-token: write and uses ${a.action}${a.ref ? `@${a.ref}` : ''}, a ref its owner can move: pin a full commit SHA`, ...at(a.source) });
        }
      }
    }
  }
  for (const p of model.pipelines) {
    if (p.ci?.scope !== 'event') continue;
    const f = p.ci.runs[0]!.facts;
    const what = f.checkoutOf ? `checks out ${f.checkoutOf.ref}` : `expands ${f.injection!.expression} into a script`;
    out.push({ kind: 'ci-untrusted-code', why: `${p.ci.workflow} job ${p.ci.job} ${what} under ${p.ci.event}: a stranger's code runs with the repository's token and secrets`, ...at((f.checkoutOf ?? f.injection)!.source) });
  }
  for (const r of oidcRoles(model, ciIssuers(model))) {
    const github = r.issuer === GITHUB_ISSUER;
    if (r.subjects.length === 0) {
      out.push({ kind: 'ci-broad-trust', why: `${r.role.arn} trusts ${github ? "GitHub's" : `the ${r.issuer}`} OIDC provider with no sub condition: any ${github ? 'repository on GitHub' : `project on ${r.issuer}`} may assume it`, ...at(r.role.source) });
      continue;
    }
    for (const s of likeSubjects(r.role.trust, r.issuer)) {
      const b = github ? breadth(s) : gitlabBreadth(s);
      if (b.length) out.push({ kind: 'ci-broad-trust', why: `${r.role.arn} trusts sub ${s}, which admits ${b.join(', ')}`, ...at(r.role.source) });
    }
  }
  out.push(...roleMismatches(model));
  return out;
}

function gitlabWarnings(w: Model['ci']['workflows'][number]): CiWarning[] {
  const out: CiWarning[] = [];
  const keys = [...new Set(w.jobs.flatMap((j) => j.aws.flatMap((a) => a.staticKeySecrets)))];
  for (const s of keys) out.push({ kind: 'ci-static-keys', why: `every job of ${w.id} runs with static AWS keys from the CI/CD variable ${s}: federate with id_tokens instead`, ...at(w.source) });
  if (w.jobs.some((j) => j.idToken)) {
    for (const a of mutableIncludes(w)) out.push({ kind: 'ci-mutable-action', why: `${w.id} mints ID tokens and includes ${a.action}${a.ref ? ` at ${a.ref}` : ''}, which its owner can change: pin a commit SHA (or integrity: for a remote file)`, ...at(a.source) });
  }
  return out;
}

/**
 * A workflow that names its role as a literal ARN, where the inputs hold that role and its
 * trust admits none of the job's runs: either the trust or the workflow is out of date (the
 * join itself never reads the ARN, see oidc-join.ts).
 */
function roleMismatches(model: Model): CiWarning[] {
  const roles = new Set(model.aws.principals.filter((p) => p.kind === 'role').map((p) => p.arn));
  if (roles.size === 0) return [];
  const reached = new Set(oidcJoin(model).map(({ match }) => `${match.run.origin.workflow}\u0000${match.run.origin.job}\u0000${match.role}`));
  const out: CiWarning[] = [];
  for (const w of model.ci.workflows) {
    for (const job of w.jobs) {
      for (const a of job.aws) {
        const arn = a.roleToAssume;
        if (arn === undefined || !roles.has(arn) || !job.idToken || reached.has(`${w.id}\u0000${job.key}\u0000${arn}`)) continue;
        out.push({ kind: 'ci-role-mismatch', why: `${w.id} job ${job.key} names role-to-assume ${arn}, but that role's trust admits none of the job's runs (claims as its triggers present them): the assume fails, or the trust or the workflow is out of date`, ...at(a.source) });
      }
    }
  }
  return out;
}
