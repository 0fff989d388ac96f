/**
 * CI findings worth a reviewer's eye even where no path uses them yet (a lint, printed as
 * warnings until `lateral lint` exists): static cloud keys in workflows, OIDC trust
 * policies whose subject admits pull requests, any branch or any repository, third-party
 * actions at mutable refs in jobs that can mint an OIDC token, and privileged triggers that
 * run a stranger's code.
 */
import type { Model, Source } from '../../model/model.js';
import type { IamDocument } from '../../model/aws.js';
import { compileWildcard } from '../iam/wildcard.js';
import { SUB_KEY } from './claims.js';
import { githubOidcRoles } from './oidc-join.js';
import { thirdParty } from './nodes.js';

export type CiFindingCode = 'ci-static-keys' | 'ci-broad-trust' | 'ci-mutable-action' | 'ci-untrusted-code';

export interface CiWarning {
  kind: CiFindingCode;
  why: string;
  file?: string;
  line?: number;
}

const at = (s: Source | undefined) => (s ? { file: s.file, ...(s.line !== undefined ? { line: s.line } : {}) } : {});

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
function likeSubjects(trust: IamDocument | undefined): string[] {
  const out: string[] = [];
  for (const st of trust?.statements ?? []) {
    if (st.effect !== 'Allow') continue;
    for (const [op, keys] of Object.entries(st.condition ?? {})) {
      if (!/StringLike/.test(op) || /Not/.test(op)) continue;
      for (const [k, vs] of Object.entries(keys)) if (k.toLowerCase() === SUB_KEY) out.push(...vs);
    }
  }
  return out;
}

export function ciWarnings(model: Model): CiWarning[] {
  const out: CiWarning[] = [];
  for (const w of model.ci.workflows) {
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
  for (const r of githubOidcRoles(model)) {
    if (r.subjects.length === 0) {
      out.push({ kind: 'ci-broad-trust', why: `${r.role.arn} trusts GitHub's OIDC provider with no sub condition: any repository on GitHub may assume it`, ...at(r.role.source) });
      continue;
    }
    for (const s of likeSubjects(r.role.trust)) {
      const b = breadth(s);
      if (b.length) out.push({ kind: 'ci-broad-trust', why: `${r.role.arn} trusts sub ${s}, which admits ${b.join(', ')}`, ...at(r.role.source) });
    }
  }
  return out;
}
