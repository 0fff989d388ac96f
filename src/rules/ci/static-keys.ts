import type { Repository } from '../../model/ci.js';
import { onProtectedRef } from '../../policy/ci/gitlab-claims.js';
import { secretNode } from '../../policy/ci/nodes.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'ci-static-keys',
  title: 'CI pipeline runs with static cloud keys from its secrets',
  edgeKind: 'runs-as',
  technique: 'T1552.001',
  description: "A job reads static AWS access keys from repository secrets (or GitLab CI/CD variables), or a secret the Repository sidecar says holds an identity's key: whoever runs code in the job holds them, and they do not expire.",
  remediation: 'Replace the keys with OIDC federation (id-token: write and a role trusting the exact subject), then delete them.',
  workloadIndependent: true,
  cost: 5,
  find(model) {
    const out: Finding[] = [];
    const repos = new Map(model.ci.repositories.map((r) => [r.id, r]));
    for (const p of model.pipelines) {
      if (!p.ci) continue;
      const repo = repos.get(p.ci.repository)!;
      const seen = new Set<string>();
      const add = (to: string, reason: string) => {
        if (seen.has(to)) return;
        seen.add(to);
        out.push({ from: p.id, to, reason: `${p.id} holds ${to}: ${reason}`, decisions: [{ layer: 'pipeline', decision: 'allow', policy: p.ci!.workflow, reason }] });
      };
      for (const run of p.ci.runs) {
        const where = (s: { file: string; line?: number } | undefined) => (s?.line !== undefined ? ` (${s.file}:${s.line})` : '');
        for (const step of run.facts.aws) {
          for (const name of step.staticKeySecrets) add(repo.secretIdentities[name] ?? secretNode(repo.id, name), `job ${run.job}${where(step.source)} reads static AWS keys from ${secretWord(repo)}${name}`);
        }
        // A secret the sidecar says holds an identity's key. GitLab puts every project variable in every job; a protected one only on a protected branch.
        const held = repo.platform === 'gitlab' ? [...new Set([...run.facts.secrets, ...Object.keys(repo.secretIdentities)])] : run.facts.secrets;
        for (const name of [...held].sort()) {
          const to = repo.secretIdentities[name];
          if (to === undefined || (repo.protectedSecrets.includes(name) && !onProtectedRef(run, repo))) continue;
          const how = repo.platform === 'gitlab' ? `runs with the CI/CD variable ${name}${repo.protectedSecrets.includes(name) ? ' (protected: given on a protected branch)' : ''}` : `reads secrets.${name}`;
          add(to, `job ${run.job}${where(run.facts.source)} ${how}, which holds ${to}'s key (Repository sidecar)`);
        }
      }
    }
    return out;
  },
};

const secretWord = (repo: Repository) => (repo.platform === 'gitlab' ? 'the CI/CD variable ' : 'secrets.');
