/** What the checks ask of workloads, built once per context. */
import type { Workload } from '../../model/model.js';
import { groupByNamespace } from '../by-namespace.js';
import type { PolicyContext } from '../context.js';
import { sidecarInjected } from '../istio/sidecar.js';

/** The workloads of each namespace, built once per context (policies are judged per namespace, not against every pod). */
export function workloadsIn(ctx: PolicyContext, namespace: string): readonly Workload[] {
  return ctx.memo('inert-workloads-by-namespace', () => groupByNamespace(ctx.model.workloads)).get(namespace) ?? [];
}

/** Whether a workload has a sidecar, decided once per workload. */
export function injected(ctx: PolicyContext, w: Workload): boolean {
  const memo = ctx.memo('inert-injected', () => new Map<string, boolean>());
  let value = memo.get(w.id);
  if (value === undefined) memo.set(w.id, (value = sidecarInjected(ctx, w)));
  return value;
}
