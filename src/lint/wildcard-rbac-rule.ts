import type { LintFinding, LintRule } from './rule.js';
import { finding, k8sId } from './lib/objects.js';

export const rule: LintRule = {
  id: 'wildcard-rbac-rule',
  title: 'RBAC rule with "*" verbs or resources',
  severity: 'warning',
  description:
    'A Role or ClusterRole of the inputs whose rule grants `verbs: ["*"]` or `resources: ["*"]`: every verb, present and future (escalate, bind, impersonate), or every resource type of its API groups, Secrets included (Kubernetes docs, "RBAC good practices": avoid wildcard permissions). The default ClusterRoles of Kubernetes are not in the inputs and are not checked.',
  remediation: 'List the verbs and resources the subject needs; for administrators bind the built-in roles (admin, edit) rather than writing a wildcard.',
  check(ctx) {
    const out: LintFinding[] = [];
    for (const r of ctx.model.k8s.roles) {
      r.rules.forEach((pr, i) => {
        const what = [pr.verbs.includes('*') ? 'every verb' : '', pr.resources.includes('*') ? `every resource of API groups ${pr.apiGroups.map((g) => JSON.stringify(g)).join(', ')}` : ''].filter(Boolean);
        if (what.length === 0) return;
        const on = pr.resources.includes('*') ? '' : ` on ${pr.resources.join(', ')}`;
        out.push(finding(rule, k8sId(r.kind, r.namespace, r.name), `rules[${i}] grants ${what.join(' on ')}${on}${pr.resourceNames.length ? ` (resourceNames ${pr.resourceNames.join(', ')})` : ''}`, r.source));
      });
    }
    return out;
  },
};
