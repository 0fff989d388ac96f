/** One side of a diff: its inputs loaded and built once, analysed for what the comparison reads. */
import { analyzeEstate, type EstateResult } from '../engine/estate.js';
import { crownJewelPairs } from '../engine/pairs.js';
import type { LoadedScenario } from '../scenarios/load.js';
import type { ScenarioResult } from '../scenarios/run.js';
import { load, type CommonArgs, type Loaded } from '../cli/common.js';
import { scenarioResults } from '../cli/simulate.js';

export interface Side {
  /** what the user named: a path or a git ref */
  label: string;
  loaded: Loaded;
  /** every entry's blast radius (`top` is all of them) */
  estate: EstateResult;
  pairs: Map<string, string[]>;
  scenarios: ScenarioResult[];
}

export async function buildSide(label: string, args: CommonArgs, scenarios: readonly LoadedScenario[], quiet: boolean): Promise<Side> {
  const loaded = await load(args, quiet);
  const { graph } = loaded.built;
  return {
    label,
    loaded,
    estate: analyzeEstate(graph, loaded.g, Number.MAX_SAFE_INTEGER),
    pairs: crownJewelPairs(graph, loaded.g),
    scenarios: scenarioResults(loaded, scenarios, args),
  };
}
