import type { CompactGraph } from './compact.js';
import { blastRadius, type BlastRadius } from './measures.js';
import { reachFrom } from './reach.js';
import type { Times } from './times.js';

export type Response = 'revoke' | 'quarantine';

export interface Containment {
  /** minutes after the start when the response takes effect (detect-after + respond-after) */
  respondAt: number;
  response: Response;
  /** nodes reached before the response, the entry not counted */
  reachedBefore: string[];
  /** what the response cut: revoked identities or quarantined workloads */
  cut: string[];
  /** nodes still reached afterwards from footholds the response left in place */
  reachedAfter: string[];
  blastRadius: BlastRadius;
  contained: boolean;
  /** minutes to contain; null when footholds keep spreading after the response */
  timeToContain: number | null;
}

/**
 * What a defender's response leaves the attacker. At `respondAt` the response removes every
 * controlled node of its kind (revoke: identities; quarantine: workloads); the attacker keeps
 * the other footholds and may spread from them over edges that avoid removed nodes.
 * `kinds` gives the node kind of each real node; `entry` is where the attack started.
 */
export function contain(g: CompactGraph, kinds: readonly string[], entry: number, times: Times, mask: Uint8Array, respondAt: number, response: Response): Containment {
  const size = g.ids.length;
  const before = new Uint8Array(size);
  const removed = new Uint8Array(size);
  const target = response === 'revoke' ? 'identity' : 'workload';
  const footholds: number[] = [];
  for (let v = 0; v < size; v++) {
    if (times.dist[v]! > respondAt) continue;
    before[v] = 1;
    if (v >= g.n) continue; // reached over the network only: nothing to revoke, no foothold
    if (kinds[v] === target) removed[v] = 1;
    else footholds.push(v);
  }
  // A quarantined workload is cut off from the network as well.
  if (response === 'quarantine') for (let v = 0; v < g.n; v++) if (removed[v]) removed[g.n + v] = 1;
  const after = reachFrom(g, footholds, mask, removed);
  const total = new Uint8Array(size);
  for (let v = 0; v < size; v++) if (before[v] || after[v]) total[v] = 1;
  const realIds = (pick: (v: number) => boolean) => g.ids.slice(0, g.n).filter((_, v) => pick(v));
  const was = (v: number) => before[v] === 1 || before[g.n + v] === 1;
  const reachedAfter = realIds((v) => !was(v) && (after[v] === 1 || after[g.n + v] === 1));
  const contained = reachedAfter.length === 0;
  return {
    respondAt,
    response,
    reachedBefore: realIds((v) => v !== entry && was(v)),
    cut: realIds((v) => removed[v] === 1),
    reachedAfter,
    blastRadius: blastRadius(g, total, entry),
    contained,
    timeToContain: contained ? respondAt : null,
  };
}
