import { writersOf } from '../../policy/ci/nodes.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'ci-write-back',
  title: 'CI pipeline writes to its own repository',
  edgeKind: 'assume',
  technique: 'T1098',
  description: "A job's GITHUB_TOKEN has contents: write: code in the job pushes to the repository like a writer, and so changes what the repository's other workflows run (the token cannot change .github/workflows itself, but the code and scripts those run).",
  remediation: 'Give workflows `permissions: contents: read` (or none) by default and grant write to one reviewed job; protect the default branch.',
  workloadIndependent: true,
  cost: 5,
  find(model) {
    const out: Finding[] = [];
    for (const p of model.pipelines) {
      if (!p.ci) continue;
      const run = p.ci.runs.find((r) => r.facts.contentsWrite === true) ?? p.ci.runs.find((r) => r.facts.contentsWrite === 'default');
      if (!run) continue;
      const explicit = run.facts.contentsWrite === true;
      const where = run.facts.source?.line !== undefined ? ` (${run.facts.source.file}:${run.facts.source.line})` : '';
      const reason = explicit
        ? `job ${run.job}${where} has contents: write`
        : `job ${run.job}${where} sets no permissions, so the repository's default decides: contents: write under the permissive default`;
      out.push({ from: p.id, to: writersOf(p.ci.repository), reason: `${p.id} may push to ${p.ci.repository}: ${reason}`, decisions: [{ layer: 'pipeline', decision: explicit ? 'allow' : 'conditional', policy: p.ci.workflow, reason }] });
    }
    return out;
  },
};
