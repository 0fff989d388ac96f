import type { EstateResult } from '../engine/estate.js';
import type { ExceptionStatus } from '../engine/exceptions.js';
import type { Unresolved } from '../policy/rbac/index.js';
import type { ScenarioResult } from '../scenarios/run.js';

export interface SimulateResult {
  at: string;
  summary: { workloads: number; identities: number; resources: number; pipelines: number; edges: number; skipped: number };
  estate: EstateResult;
  exceptions: ExceptionStatus[];
  /** RBAC bindings to a role neither the inputs nor the built-in defaults hold; absent when there are none */
  unresolvedBindings?: Unresolved[];
  scenarios: ScenarioResult[];
}
