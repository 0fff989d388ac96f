import type { CompactGraph } from './compact.js';

/** Blast-radius weight of a tier (DESIGN.md, "Measures"): tier 0 = 10, 1 = 3, 2 = 1, untiered = 0. */
export const TIER_WEIGHT = [10, 3, 1] as const;

export function weight(tier: number): number {
  return tier >= 0 ? (TIER_WEIGHT[tier] ?? 0) : 0;
}

export interface BlastRadius {
  /** Σ tier weight over reached nodes */
  score: number;
  /** reached tier-0 (crown-jewel) nodes */
  tier0: number;
  /** reached nodes */
  nodes: number;
}

/** What `entry` reaches, itself never counted: an attacker holding it has not reached it. */
export function blastRadius(g: CompactGraph, reached: Uint8Array, entry: number): BlastRadius {
  let score = 0;
  let tier0 = 0;
  let nodes = 0;
  for (let i = 0; i < g.n; i++) {
    if (i === entry || (!reached[i] && !reached[g.n + i])) continue;
    nodes++;
    score += weight(g.tier[i]!);
    if (g.tier[i] === 0) tier0++;
  }
  return { score, tier0, nodes };
}

/** Share of baseline pairs that enforcement blocks, in percent, rounded to 0.1; 0 when there are none. */
export function blockedPercent(blocked: number, baselinePairs: number): number {
  return baselinePairs === 0 ? 0 : Math.round((1000 * blocked) / baselinePairs) / 10;
}
