import type { EstateResult } from '../engine/estate.js';
import type { ExceptionStatus } from '../engine/exceptions.js';
import type { ScenarioResult } from '../scenarios/run.js';

export interface SimulateResult {
  at: string;
  summary: { workloads: number; identities: number; resources: number; pipelines: number; edges: number; skipped: number };
  estate: EstateResult;
  exceptions: ExceptionStatus[];
  scenarios: ScenarioResult[];
}
