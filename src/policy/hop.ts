/**
 * One network hop decided by every enforcement layer that applies to it. A hop is allowed
 * only when no enforcing layer denies it (DESIGN.md, "Graph").
 */
import type { Protocol, Workload } from '../model/model.js';
import { UsageError } from '../model/errors.js';
import type { PolicyContext } from './context.js';
import type { Decision } from './decision.js';
import { decideNativeMesh } from './native/mesh.js';
import { decideNativeNetwork } from './native/network.js';
import { decideNetworkPolicy } from './network-policy/index.js';
import { decideIstio } from './istio/index.js';

/** A workload, or an address outside the cluster (no sidecar, no policy of its own). */
export type Endpoint = { workload: Workload } | { ip: string };

export interface HopRequest {
  from: Endpoint;
  to: Endpoint;
  /** Destination container port. */
  port: number;
  protocol: Protocol;
  method?: string;
  path?: string;
}

export type HopDecider = (ctx: PolicyContext, req: HopRequest) => Decision[];

/** Every engine that may decide a hop; each returns nothing when it does not apply. */
export const HOP_DECIDERS: readonly HopDecider[] = [decideNativeNetwork, decideNetworkPolicy, decideNativeMesh, decideIstio];

export function decideHop(ctx: PolicyContext, req: HopRequest): Decision[] {
  const decisions = HOP_DECIDERS.flatMap((decide) => decide(ctx, req));
  if (!decisions.some((d) => d.layer === 'network')) {
    decisions.unshift({ layer: 'network', decision: 'allow', policy: '(default)', reason: 'no network policy applies: default allow' });
  }
  return decisions;
}

/** A port given by number or by the destination's port name. */
export function resolvePort(to: Endpoint, port: number | string, protocol?: Protocol): { port: number; protocol: Protocol } {
  if (typeof port === 'number' || /^\d+$/.test(port)) return { port: Number(port), protocol: protocol ?? 'TCP' };
  if (!('workload' in to)) throw new UsageError(`named port "${port}" needs a workload destination, not ${to.ip}`);
  const match = to.workload.ports.find((p) => p.name === port && (!protocol || p.protocol === protocol));
  if (!match) throw new UsageError(`${to.workload.id} has no port named "${port}"`);
  return { port: match.port, protocol: match.protocol };
}

export function endpointName(e: Endpoint): string {
  return 'workload' in e ? e.workload.id : e.ip;
}
