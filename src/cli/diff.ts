import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { listInputs } from '../ingest/files.js';
import type { CommandModule } from 'yargs';
import { checkout, type Checkout } from '../diff/git.js';
import { compareSides, GATES, type DiffResult, type Gate } from '../diff/compare.js';
import { buildSide, type Side } from '../diff/side.js';
import { ExpectationFailed, UsageError } from '../model/errors.js';
import { renderDiffMarkdown } from '../output/diff-markdown.js';
import { renderDiffText } from '../output/diff-text.js';
import { loadScenarios } from '../scenarios/load.js';
import { lintConfig } from '../lint/run.js';
import { renderDiffSarif } from '../output/diff-sarif.js';
import { repositoryRoot, tool } from './lint.js';
import { printJson, withCommon, type CommonArgs } from './common.js';

interface Args extends CommonArgs {
  base: string;
  head: string;
  scenario?: string[];
  format: 'text' | 'json' | 'markdown' | 'sarif';
  'fail-on': Gate[];
  limit: number;
  'base-plan-side'?: 'before' | 'after';
  config?: string;
}

export const diffCommand: CommandModule<object, Args> = {
  command: 'diff [inputs..]',
  describe: 'what a change does to attack paths: opened and closed paths to crown jewels, blast radius and blocked % before and after, the policies that changed — for a pull-request comment and a CI gate',
  builder: (y) =>
    withCommon(y)
      .positional('inputs', { describe: 'inputs read on both sides as they are (an IAM export beside the repository, say)', type: 'string', array: true, demandOption: false, default: [] })
      .option('base', { describe: 'the base: a path, or a git ref (origin/main, HEAD~1) read from the repository --head is in', type: 'string', demandOption: true })
      .option('head', { describe: 'the head: a path (the checked-out pull request)', type: 'string', demandOption: true })
      .option('scenario', { alias: 's', describe: 'scenario file or directory (repeatable), run on both sides', type: 'string', array: true })
      .option('format', { describe: 'text for a terminal, json (the contract), markdown for a pull-request comment, sarif (new lint findings and opened paths) for code scanning', choices: ['text', 'json', 'markdown', 'sarif'] as const, default: 'text' as const })
      .option('fail-on', { describe: 'gates that exit 1 when they trip (repeatable): new-path, blast-radius-increase, blocked-percent-decrease, lint-error (a new lint finding of severity error), none', choices: GATES, array: true, default: ['new-path'] as Gate[] })
      .option('limit', { describe: 'opened and closed paths explained each (the rest are counted)', type: 'number', default: 25 })
      .option('config', { describe: "the lint config for both sides (default: the nearest .lateral.yaml from --head upward)", type: 'string' })
      .option('base-plan-side', { describe: "which side of a Terraform plan the base reads (default: --plan-side); `--base . --head . --base-plan-side before` diffs a plan's prior state against what it applies", choices: ['before', 'after'] as const })
      .example('$0 diff --base origin/main --head . --format markdown > comment.md', 'a pull request against its base branch, as a PR comment')
      .example('$0 diff --base HEAD~1 --head topologies/demo-shop -s scenarios/demo-shop', 'the last commit, with the scenarios run on both sides')
      .example('$0 diff --base topologies/iac-demo --head topologies/iac-demo --base-plan-side before -s scenarios/iac-demo', "a Terraform plan: its prior state against what it applies")
      .example('$0 diff --base old/ --head new/ --fail-on new-path --fail-on blocked-percent-decrease', 'two folders, gated on new paths and on a falling blocked %') as never,
  handler: async (args) => {
    if (!Number.isInteger(args.limit) || args.limit < 0) throw new UsageError(`--limit: expected a whole number, got ${args.limit}`);
    if (!existsSync(args.head)) throw new UsageError(`--head: no such path ${args.head}`);
    const extra = args.inputs ?? [];
    let base: Checkout | undefined;
    const basePaths = existsSync(args.base) ? [args.base] : (base = checkout(args.base, [args.head])).paths;
    try {
      const scenarios = args.scenario?.length ? loadScenarios(args.scenario) : [];
      const baseArgs = { ...args, inputs: [...basePaths, ...extra], 'plan-side': args['base-plan-side'] ?? args['plan-side'] };
      const config = lintConfig(args.head, args.config);
      const after = await buildSide(args.head, { ...args, inputs: [args.head, ...extra] }, scenarios, false, { config });
      // The same files read the same way give the same answers: a change that touches no input is built once.
      const same = (args['base-plan-side'] ?? args['plan-side']) === args['plan-side'] && contents(basePaths) === contents([args.head]);
      // A base read from a commit is a folder without history: the head's observe-mode dates stand in.
      const before = same ? { ...after, label: args.base } : await buildSide(args.base, baseArgs, scenarios, true, { config, ...(base ? { observedSince: after.observedSince } : {}) });
      const compared = compareSides(before, after, { limit: args.limit, failOn: args['fail-on'], strictConditions: args['strict-conditions'] });
      // Files of the base checkout are named as the commit holds them, not by the temporary directory.
      const result = base ? (JSON.parse(base.name(JSON.stringify(compared))) as DiffResult) : compared;
      print(result, after, args);
      const tripped = result.gates.filter((g) => g.tripped);
      if (tripped.length) throw new ExpectationFailed(`gate ${tripped.map((g) => g.gate).join(', ')} tripped`);
    } finally {
      base?.cleanup();
    }
  },
};

/** Every input file under `roots`, by its path inside its root and its content hash. */
function contents(roots: readonly string[]): string {
  return JSON.stringify(
    roots.map((root) => {
      const dir = statSync(root).isDirectory() ? root : dirname(root);
      return [...listInputs([root]).read].map((f) => `${relative(dir, f)}\u0000${createHash('sha256').update(readFileSync(f)).digest('hex')}`).sort();
    }),
  );
}

/** The head's load warnings go with the JSON, as with every command. */
function print(result: DiffResult, head: Side, args: Args): void {
  if (args.format === 'json' || args.json) printJson('diff', result, head.loaded.warnings);
  else if (args.format === 'sarif') process.stdout.write(`${JSON.stringify(renderDiffSarif(result, head.lint, { tool: tool(), root: repositoryRoot(args.head), cwd: process.cwd() }), null, 2)}\n`);
  else process.stdout.write(args.format === 'markdown' ? renderDiffMarkdown(result) : renderDiffText(result));
}
