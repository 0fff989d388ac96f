import { secretNode } from '../../policy/ci/nodes.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'ci-static-keys',
  title: 'CI pipeline runs with static cloud keys from its secrets',
  edgeKind: 'runs-as',
  technique: 'T1552.001',
  description: 'A job reads static AWS access keys from repository secrets: whoever runs code in the job holds them, and they do not expire.',
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
      for (const run of p.ci.runs) {
        for (const step of run.facts.aws) {
          for (const name of step.staticKeySecrets) {
            const to = repo.secretIdentities[name] ?? secretNode(repo.id, name);
            if (seen.has(to)) continue;
            seen.add(to);
            const where = step.source?.line !== undefined ? ` (${step.source.file}:${step.source.line})` : '';
            const reason = `job ${run.job}${where} reads static AWS keys from secrets.${name}`;
            out.push({ from: p.id, to, reason: `${p.id} holds ${to}: ${reason}`, decisions: [{ layer: 'pipeline', decision: 'allow', policy: p.ci.workflow, reason }] });
          }
        }
      }
    }
    return out;
  },
};
