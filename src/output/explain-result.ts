import type { AttackPath, Hop } from '../engine/results.js';
import type { Decision, Layer } from '../policy/decision.js';

/**
 * `reachable`: with every layer enforced; `blocked`: only without network and mesh policy
 * (the baseline); `unreachable`: not even then.
 */
export type ExplainStatus = 'reachable' | 'blocked' | 'unreachable';

export interface ExplainVerdict {
  status: ExplainStatus;
  /** fastest attacker time: enforced when reachable, in the baseline when blocked */
  minutes?: number;
  hops?: number;
  /** when reachable: `control` holds the target, `network` can only talk to it */
  access?: 'control' | 'network';
  /** when blocked: the layers whose denies cut the fastest baseline path */
  blockedBy?: Layer[];
}

export interface ExplainResult {
  from: string;
  to: string;
  /** with --port: the hop decided by every layer */
  hop?: { port: number; protocol: string; verdict: 'allow' | 'deny'; decisions: Decision[] };
  /** without --port: whether and how fast `from` reaches `to` */
  verdict?: ExplainVerdict;
  /** edges from `from` straight to `to`, each with its per-layer decisions, whether the path takes them or not */
  edges: Hop[];
  /** the fastest enforced attack path, when reachable */
  path?: AttackPath;
  /** when blocked: the fastest baseline path, whose denied hops say what blocks it */
  blockedPath?: AttackPath;
}
