import type { AttackPath, Hop } from '../engine/results.js';
import type { Decision } from '../policy/decision.js';

export interface ExplainResult {
  from: string;
  to: string;
  /** with --port: the hop decided by every layer */
  hop?: { port: number; protocol: string; verdict: 'allow' | 'deny'; decisions: Decision[] };
  /** edges from `from` straight to `to` */
  edges: Hop[];
  /** fastest enforced attack path when not adjacent */
  path?: AttackPath;
  /** when unreachable: the fastest baseline path, whose denied hops say what blocks it */
  blockedPath?: AttackPath;
}
