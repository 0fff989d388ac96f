import type { Model, Protocol } from '../model/model.js';
import type { Decision } from '../policy/decision.js';
import type { PolicyContext } from '../policy/context.js';
import type { EdgeKind } from '../graph/types.js';

/** An attack-edge rule: one file in src/rules/, registered in src/rules/index.ts. Its id is its file name. */
export interface Rule {
  id: string;
  title: string;
  edgeKind: EdgeKind;
  /** MITRE ATT&CK technique id. */
  technique: string;
  description: string;
  remediation: string;
  /** Default minutes an attacker needs for the hop. */
  cost: number;
  find(model: Model, ctx: PolicyContext): Finding[];
  /**
   * Its edges are built through endpoint classes (src/engine/connect), not one per finding:
   * the graph skips `find`, which stays the per-pair definition (graph --expand-connect, tests).
   */
  grouped?: boolean;
  /**
   * `find` reads no workload (neither `model.workloads` nor `model.k8s.workloads`, directly
   * or through the context), so a build that differs from another only by a workload added
   * (a rogue) reuses its findings. test/rules/workload-independent.test.ts holds it to that.
   */
  workloadIndependent?: boolean;
}

export interface Finding {
  from: string;
  to: string;
  reason: string;
  decisions: Decision[];
  port?: number;
  protocol?: Protocol;
  actions?: string[];
  cost?: number;
  /** connect findings: the destination is exploitable */
  pivot?: boolean;
}
