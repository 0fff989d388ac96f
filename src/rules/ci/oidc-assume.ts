import { oidcJoin } from '../../policy/ci/oidc-join.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'ci-oidc-assume',
  title: 'CI pipeline assumes an AWS role through OIDC federation',
  edgeKind: 'assume',
  technique: 'T1550.001',
  description: "Code in a job holding `id-token: write` presents GitHub's OIDC token to any role whose trust policy admits the run's claims (sts:AssumeRoleWithWebIdentity).",
  remediation: 'Compare the exact subject with StringEquals (repository, branch or a reviewed environment), never `repo:org/*` or `…:*`; require reviewers on the environments the role trusts.',
  workloadIndependent: true,
  cost: 2,
  find(model) {
    return oidcJoin(model).map(({ pipeline, match }): Finding => ({ from: pipeline.id, to: match.role, reason: `${pipeline.id} may assume ${match.role}: ${match.reason}`, decisions: match.decisions }));
  },
};
