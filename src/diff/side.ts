/** One side of a diff: its inputs loaded and built once, analysed for what the comparison reads. */
import { analyzeEstate, type EstateResult } from '../engine/estate.js';
import { crownJewelPairs } from '../engine/pairs.js';
import type { LoadedScenario } from '../scenarios/load.js';
import type { ScenarioResult } from '../scenarios/run.js';
import { load, type CommonArgs, type Loaded } from '../cli/common.js';
import { scenarioResults } from '../cli/simulate.js';
import type { LintConfig } from '../lint/config.js';
import type { LintResult } from '../lint/index.js';
import type { ObservedSince } from '../lint/rule.js';
import { runLint } from '../lint/run.js';
import { observedSince } from '../lint/observed-since.js';

export interface Side {
  /** what the user named: a path or a git ref */
  label: string;
  loaded: Loaded;
  /** every entry's blast radius (`top` is all of them) */
  estate: EstateResult;
  pairs: Map<string, string[]>;
  scenarios: ScenarioResult[];
  lint: LintResult;
  /** the observe-mode start dates the lint used */
  observedSince: ReadonlyMap<string, ObservedSince>;
}

export interface LintOptions {
  config: LintConfig;
  /** observe-mode start dates to use (a base read from a commit has no git history of its own) */
  observedSince?: ReadonlyMap<string, ObservedSince>;
}

export async function buildSide(label: string, args: CommonArgs, scenarios: readonly LoadedScenario[], quiet: boolean, lint: LintOptions): Promise<Side> {
  const loaded = await load(args, quiet);
  const { graph } = loaded.built;
  const since = lint.observedSince ?? observedSince(loaded.model);
  return {
    label,
    loaded,
    estate: analyzeEstate(graph, loaded.g, Number.MAX_SAFE_INTEGER),
    pairs: crownJewelPairs(graph, loaded.g),
    scenarios: scenarioResults(loaded, scenarios, args),
    lint: await runLint(loaded, lint.config, since),
    observedSince: since,
  };
}
