/**
 * A compact encoding of built-in ClusterRoles, decoded into the model's Role. Lists are
 * space-separated; `core` stands for the core API group "" (no API group is named core).
 */
import type { PolicyRule, Role } from '../../../model/k8s.js';

/** [verbs, apiGroups, resources, resourceNames?] or a non-resource URL rule. */
export type RuleData = readonly [verbs: string, apiGroups: string, resources: string, resourceNames?: string] | { readonly urls: string; readonly verbs: string };

export interface RoleData {
  name: string;
  /** label keys set to "true", besides kubernetes.io/bootstrapping: rbac-defaults */
  labels?: readonly string[];
  /** the label key (value "true") whose ClusterRoles this one aggregates */
  aggregates?: string;
  rules: readonly RuleData[];
}

const list = (s: string) => s.split(' ');

function decodeRule(r: RuleData): PolicyRule {
  if ('urls' in r) return { apiGroups: [], resources: [], verbs: list(r.verbs), resourceNames: [], nonResourceURLs: list(r.urls) };
  const [verbs, groups, resources, names] = r;
  return { apiGroups: list(groups).map((g) => (g === 'core' ? '' : g)), resources: list(resources), verbs: list(verbs), resourceNames: names ? list(names) : [], nonResourceURLs: [] };
}

export function decodeRole(r: RoleData): Role {
  return {
    kind: 'ClusterRole',
    name: r.name,
    labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...Object.fromEntries((r.labels ?? []).map((k) => [k, 'true'])) },
    rules: r.rules.map(decodeRule),
    ...(r.aggregates ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [r.aggregates]: 'true' } }] } } : {}),
  };
}
