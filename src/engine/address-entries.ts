import type { Protocol, Workload } from '../model/model.js';
import type { PolicyContext } from '../policy/context.js';
import { blocks, type Decision } from '../policy/decision.js';
import { decideHop } from '../policy/hop.js';
import type { CompactGraph } from './compact.js';

export interface AddressEntry {
  workload: Workload;
  port: number;
  protocol: Protocol;
  decisions: Decision[];
  /** every layer lets the address open this port */
  allowed: boolean;
  /**
   * The node the attacker lands on: reaching a service is not controlling it, so the
   * workload's network shadow unless it is exploitable (or all are taken to be, `pivot`).
   */
  source: number;
}

/** Every workload port an address outside the cluster may try, decided by every layer. */
export function addressEntries(g: CompactGraph, ctx: PolicyContext, cidr: string, options: { strictConditions?: boolean; pivot?: boolean }): AddressEntry[] {
  return ctx.model.workloads.flatMap((w) =>
    w.ports.map((p) => {
      const decisions = decideHop(ctx, { from: { ip: cidr }, to: { workload: w }, port: p.port, protocol: p.protocol });
      return { workload: w, port: p.port, protocol: p.protocol, decisions, allowed: !decisions.some((d) => blocks(d, options.strictConditions)), source: g.index.get(w.id)! + (w.exploitable || options.pivot ? 0 : g.n) };
    }),
  );
}
