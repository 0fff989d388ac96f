import type { Protocol, Workload } from '../../model/model.js';
import type { PortRange, WorkloadSelector } from '../../model/native.js';

/** Every field given must match; an empty selector selects every workload. */
export function selects(s: WorkloadSelector, w: Workload): boolean {
  if (s.workload !== undefined && s.workload !== w.id) return false;
  if (s.namespace !== undefined && s.namespace !== w.namespace) return false;
  for (const [k, v] of Object.entries(s.labels ?? {})) if (w.labels[k] !== v) return false;
  return true;
}

export function isEmptySelector(s: WorkloadSelector): boolean {
  return s.workload === undefined && s.namespace === undefined && Object.keys(s.labels ?? {}).length === 0;
}

/** An empty list allows every port. */
export function portsMatch(ports: readonly PortRange[], port: number, protocol: Protocol): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => p.protocol === protocol && port >= p.port && port <= (p.endPort ?? p.port));
}

export function describeSelector(s: WorkloadSelector): string {
  if (isEmptySelector(s)) return 'any workload';
  const parts: string[] = [];
  if (s.workload) parts.push(s.workload);
  if (s.namespace) parts.push(`namespace ${s.namespace}`);
  const labels = Object.entries(s.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  if (labels.length) parts.push(labels.join(','));
  return parts.join(' ');
}
