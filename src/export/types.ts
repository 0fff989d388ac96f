import type { EdgeAttrs, NodeAttrs } from '../graph/types.js';
import type { Decision } from '../policy/decision.js';
import type { Protocol } from '../model/model.js';

/** What an exporter writes: every node, every non-connect edge, and the connect edges grouped by endpoint class. */
export interface ExportInput {
  nodes: readonly { id: string; attrs: NodeAttrs }[];
  /** every edge but `connect` */
  edges: readonly { key: string; source: string; target: string; attrs: EdgeAttrs }[];
  connect: readonly ConnectGroup[];
}

/** Every workload in `from` may open `port`/`protocol` on every workload in `to` (itself excepted), with these decisions. */
export interface ConnectGroup {
  /** stable id, e.g. `connect:12` */
  id: string;
  from: readonly string[];
  to: readonly string[];
  port: number;
  protocol: Protocol;
  /** no enforcing layer denies it */
  traversable: boolean;
  /** the per-layer decisions, without per-pair reason text */
  decisions: readonly Omit<Decision, 'reason'>[];
}

/** file name (relative to the output folder) → content */
export type ExportFiles = Map<string, string>;
