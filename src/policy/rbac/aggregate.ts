/**
 * ClusterRole aggregation as the Kubernetes aggregation controller converges it: an
 * aggregated role holds the rules of every ClusterRole its selectors match, and a matched
 * role that aggregates itself contributes what it aggregated (admin ⊇ edit ⊇ view).
 */
import type { PolicyRule, Role } from '../../model/k8s.js';
import { compileSelector } from '../network-policy/selector.js';

/**
 * The effective rules of each aggregated ClusterRole of `clusterRoles`: its own rules, then
 * each matched role's (by name, depth first). Each role counts once, which ends cycles.
 */
export function aggregate(clusterRoles: readonly Role[]): Map<string, PolicyRule[]> {
  const sorted = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const members = new Map<string, Role[]>();
  for (const r of clusterRoles) {
    if (!r.aggregationRule) continue;
    const selectors = r.aggregationRule.clusterRoleSelectors.map(compileSelector);
    members.set(r.name, sorted.filter((c) => c.name !== r.name && selectors.some((s) => s(c.labels))));
  }
  const effective = new Map<string, PolicyRule[]>();
  for (const r of clusterRoles) {
    if (!r.aggregationRule) continue;
    const seen = new Set<string>();
    const rules: PolicyRule[] = [];
    const visit = (c: Role) => {
      if (seen.has(c.name)) return;
      seen.add(c.name);
      rules.push(...c.rules);
      for (const m of members.get(c.name) ?? []) visit(m);
    };
    visit(r);
    effective.set(r.name, rules);
  }
  return effective;
}
