/** Result objects: the JSON contract. Text, markdown and other renderings are views of these. */
import type { Decision, Layer } from '../policy/decision.js';
import type { EdgeKind, NodeKind } from '../graph/types.js';
import type { BlastRadius } from './measures.js';

export interface Hop {
  from: string;
  to: string;
  edge: string;
  kind: EdgeKind;
  rule: string;
  technique: string;
  reason: string;
  port?: number;
  protocol?: string;
  actions?: string[];
  minutes: number;
  decisions: Decision[];
}

export interface ReachedNode {
  id: string;
  kind: NodeKind;
  type: string;
  tier?: number;
  /** set when the tier is a default one (src/tiers): why */
  tierReason?: string;
  owner?: string;
  /** control: the attacker acts as or runs code in it; network: can only talk to it */
  access: 'control' | 'network';
  /** fastest attacker time from the entry, in minutes */
  minutes: number;
}

export interface AttackPath {
  target: string;
  tier?: number;
  tierReason?: string;
  minutes: number;
  hops: Hop[];
}

export interface BlockedPair {
  target: string;
  /** layers whose denies cut the baseline's fastest path */
  layers: Layer[];
  /** the hops of that path that enforcement denies, with the denying decisions */
  cut: Hop[];
}

export interface BlockedPaths {
  /** crown jewels reachable in the baseline (network and mesh layers off) */
  baselinePairs: number;
  blocked: number;
  percent: number;
  byLayer: Partial<Record<Layer, number>>;
  pairs: BlockedPair[];
}

export interface EntryResult {
  entry: string;
  reached: ReachedNode[];
  blastRadius: BlastRadius;
  baseline: BlastRadius;
  blocked: BlockedPaths;
  paths: AttackPath[];
}
