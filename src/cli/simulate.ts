import type { CommandModule } from 'yargs';
import { analyzeEstate } from '../engine/estate.js';
import { exceptionStatus } from '../engine/exceptions.js';
import { ExpectationFailed } from '../model/errors.js';
import { renderSimulate } from '../output/text.js';
import type { SimulateResult } from '../output/simulate-result.js';
import type { PolicyContext } from '../policy/context.js';
import { loadScenarios, type LoadedScenario } from '../scenarios/load.js';
import { runScenarios } from '../scenarios/run.js';
import { unresolvedBindings } from '../policy/rbac/index.js';
import { buildOptions, load, printJson, printText, withCommon, type CommonArgs, type Loaded } from './common.js';

interface Args extends CommonArgs {
  scenario?: string[];
}

/** Runs `f` with `what` on stderr while it works, when stderr is a terminal. */
function step<T>(what: string, f: () => T): T {
  if (!process.stderr.isTTY) return f();
  process.stderr.write(`\r\x1b[K${what}`);
  const value = f();
  process.stderr.write('\r\x1b[K');
  return value;
}

/** Present only when some binding's role is unknown, so results of fully defined inputs keep their shape. */
function unresolvedField(ctx: PolicyContext): Pick<SimulateResult, 'unresolvedBindings'> {
  const unresolved = unresolvedBindings(ctx);
  return unresolved.length ? { unresolvedBindings: [...unresolved] } : {};
}

export const simulateCommand: CommandModule<object, Args> = {
  command: 'simulate <inputs..>',
  describe: 'run attack scenarios: blast radius, blocked-path %, explained paths to crown jewels',
  builder: (y) =>
    withCommon(y)
      .option('scenario', { alias: 's', describe: 'scenario file or directory (repeatable); without it, only the estate summary is printed', type: 'string', array: true })
      .example('$0 simulate topologies/demo-shop --scenario scenarios/demo-shop', 'every demo scenario, explained')
      .example('$0 simulate topologies/demo-shop -s scenarios/demo-shop/stolen-ci-key.yaml --at 2026-06-01', 'as of a past date (exceptions then still active)')
      .example('$0 simulate topologies/iac-demo -s scenarios/iac-demo --plan-side before', "a Terraform plan's prior state: the base of a pull request (its head is the default --plan-side after)")
      .example('$0 simulate k8s/ iam.json -s scenarios/ --json > result.json', 'the JSON contract, for CI') as never,
  handler: async (args) => {
    const env = await load(args);
    const scenarios = args.scenario?.length ? loadScenarios(args.scenario) : [];
    const result = simulate(env, scenarios, args);
    if (args.json) printJson('simulate', result, env.warnings);
    else printText(renderSimulate(result, { defaultTiers: args['default-tiers'] !== false }));
    if (result.scenarios.some((s) => !s.pass)) throw new ExpectationFailed('a scenario expectation failed');
  },
};

/** What `simulate` answers (its `--json` is this, with `format` and warnings). */
export function simulate({ model, built, g, at }: Loaded, scenarios: readonly LoadedScenario[], args: CommonArgs): SimulateResult {
  return {
      at,
      summary: {
        workloads: model.workloads.length,
        identities: model.identities.length,
        resources: model.resources.length,
        pipelines: model.pipelines.length,
        edges: built.edges,
        skipped: model.skipped.length,
      },
      estate: step('analysing every entry of the estate…', () => analyzeEstate(built.graph, g)),
      exceptions: exceptionStatus(model, at),
      ...unresolvedField(built.ctx),
      scenarios: step(`running ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} (a rogue workload rebuilds the graph with it)…`, () => scenarioResults({ model, built, g, at }, scenarios, args)),
  };
}

/** Every scenario on the loaded build (a rogue workload rebuilds it with the rogue). */
export function scenarioResults({ model, built, g, at }: Pick<Loaded, 'model' | 'built' | 'g' | 'at'>, scenarios: readonly LoadedScenario[], args: CommonArgs) {
  return runScenarios(model, scenarios, { at, strictConditions: args['strict-conditions'], pivot: args.pivot, ...buildOptions(args) }, { graph: built.graph, g, findings: built.findings, ...(built.connect ? { connect: built.connect } : {}) });
}
