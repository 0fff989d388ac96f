/**
 * Kubernetes label selectors (metav1.LabelSelector): matchLabels AND every
 * matchExpression. `In` needs the key with one of the values; `NotIn` matches when the key
 * is absent or has none of them; `Exists` / `DoesNotExist` test the key only. An empty
 * selector matches everything.
 */
import type { LabelSelector } from '../../model/k8s.js';

export type CompiledSelector = (labels: Readonly<Record<string, string>>) => boolean;

export function compileSelector(sel: LabelSelector): CompiledSelector {
  const tests: CompiledSelector[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) tests.push((l) => l[key] === value);
  for (const e of sel.matchExpressions ?? []) {
    const values = new Set(e.values ?? []);
    const has = (l: Readonly<Record<string, string>>) => Object.prototype.hasOwnProperty.call(l, e.key);
    switch (e.operator) {
      case 'In':
        tests.push((l) => has(l) && values.has(l[e.key]!));
        break;
      case 'NotIn':
        tests.push((l) => !has(l) || !values.has(l[e.key]!));
        break;
      case 'Exists':
        tests.push(has);
        break;
      case 'DoesNotExist':
        tests.push((l) => !has(l));
        break;
    }
  }
  return (labels) => tests.every((t) => t(labels));
}

export function matchesSelector(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return compileSelector(sel)(labels);
}

export function describeSelector(sel: LabelSelector): string {
  const parts = [
    ...Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(sel.matchExpressions ?? []).map((e) => {
      if (e.operator === 'Exists') return e.key;
      if (e.operator === 'DoesNotExist') return `!${e.key}`;
      return `${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`;
    }),
  ];
  return parts.length ? parts.join(',') : '(all)';
}
