import { writersOf } from '../../policy/ci/nodes.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'ci-own-branch',
  title: "A writer runs their own workflow files on a branch of their own",
  edgeKind: 'modify',
  technique: 'T1195.002',
  description:
    "A writer pushes a branch (or a tag) that no protection covers, with workflow files of their own: its push runs them with the repository's secrets (GitLab: its non-protected variables) and an OIDC token for that ref, in whatever environment lets the branch in. A trust that admits any branch admits them.",
  remediation: "Trust exact subjects (the default branch, an environment with reviewers and a deployment-branch policy), never repo:org/repo:* or ref:*; protect release branches and tags.",
  workloadIndependent: true,
  // Quicker than a change to the default branch: no review stands in the way.
  cost: 10,
  find(model) {
    const out: Finding[] = [];
    const repos = new Map(model.ci.repositories.map((r) => [r.id, r]));
    for (const p of model.pipelines) {
      if (p.ci?.scope !== 'branch') continue;
      const repo = repos.get(p.ci.repository)!;
      const files = repo.platform === 'gitlab' ? 'the .gitlab-ci.yml' : 'workflow files';
      const reason = `a writer pushes a branch of their own (any but ${repo.defaultBranch} and the protected ones), and its push runs ${files} the writer put there`;
      out.push({ from: writersOf(repo.id), to: p.id, reason: `${writersOf(repo.id)} may run code in ${p.id}: ${reason}`, decisions: [{ layer: 'pipeline', decision: 'allow', policy: repo.id, reason }] });
    }
    return out;
  },
};
