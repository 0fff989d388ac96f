import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { analyzeEstate } from '../engine/estate.js';
import { minimumCut } from '../gameday/cut.js';
import { GAMEDAY_FORMAT, inputHashes, scenarioReport, withTrend, type GamedayReport } from '../gameday/report.js';
import { scorecard } from '../gameday/scorecard.js';
import { writeReportFolder } from '../gameday/write.js';
import { lintConfig, runLint } from '../lint/run.js';
import { ExpectationFailed, UsageError } from '../model/errors.js';
import { renderGamedayHtml } from '../output/gameday-html.js';
import { renderGamedayMarkdown } from '../output/gameday-md.js';
import { loadScenarios } from '../scenarios/load.js';
import { load, withCommon, type CommonArgs } from './common.js';
import { scenarioResults } from './simulate.js';

interface Args extends CommonArgs {
  scenario: string[];
  out?: string;
  previous?: string;
  force: boolean;
  suggest: boolean;
}

/** `2026-12-04` → `2026-Q4`. */
export const quarterOf = (at: string) => `${at.slice(0, 4)}-Q${Math.floor((Number(at.slice(5, 7)) - 1) / 3) + 1}`;

export const gamedayCommand: CommandModule<object, Args> = {
  command: 'gameday <inputs..>',
  describe: 'a quarterly game day: every scenario on the time model, the zero-trust scorecard, the minimum cut, trends against the previous quarter; writes report.json, report.md and a self-contained report.html',
  builder: (y) =>
    withCommon(y)
      .option('scenario', { alias: 's', describe: 'scenario file or directory (repeatable)', type: 'string', array: true, demandOption: true })
      .option('out', { describe: 'the report folder (default: reports/<year>-Q<quarter> of --at)', type: 'string' })
      .option('previous', { describe: "a previous game day's report folder (or its report.json): a trend per figure and scenario", type: 'string' })
      .option('force', { describe: 'replace an existing report folder', type: 'boolean', default: false })
      .option('suggest', { describe: 'also print the minimum cut (the fewest changes that disconnect every entry from every crown jewel; always in the report)', type: 'boolean', default: false })
      .example('$0 gameday topologies/demo-shop -s scenarios/demo-shop --previous reports/2026-Q3 --out reports/2026-Q4', 'this quarter, against the last one')
      .example('$0 gameday k8s/ iam.json -s scenarios/ --out /tmp/rehearsal --force --suggest', 'a rehearsal that may overwrite, printing the minimum cut') as never,
  handler: async (args) => {
    const env = await load(args);
    const loaded = loadScenarios(args.scenario);
    const previous = args.previous === undefined ? undefined : readPrevious(args.previous);
    const results = scenarioResults(env, loaded, args);
    const { graph } = env.built;
    const lint = await runLint(env, lintConfig(args.inputs[0] ?? '.'));
    let report: GamedayReport = {
      format: GAMEDAY_FORMAT,
      at: env.at,
      inputs: inputHashes(args.inputs),
      campaign: { scenarios: results.length, passed: results.filter((s) => s.pass).length, pass: results.every((s) => s.pass) },
      scenarios: results.map(scenarioReport),
      scorecard: scorecard({ graph, g: env.g, estate: analyzeEstate(graph, env.g), scenarios: results, loaded, lint }),
      worstEntries: analyzeEstate(graph, env.g, 5).top,
      cut: minimumCut(graph, env.g),
    };
    if (previous) report = withTrend(report, previous.report, previous.file);
    const kinds = new Map(graph.mapNodes((id, a) => [id, a.kind] as const));
    const tiers = new Map(graph.filterNodes((_id, a) => a.tier !== undefined).map((id) => [id, graph.getNodeAttribute(id, 'tier')!] as const));
    const out = args.out ?? join('reports', quarterOf(env.at));
    writeReportFolder(out, { 'report.json': `${JSON.stringify(report, null, 2)}\n`, 'report.md': renderGamedayMarkdown(report), 'report.html': renderGamedayHtml(report, kinds, tiers) }, args.force);
    process.stdout.write(`lateral gameday - ${report.campaign.passed} of ${report.campaign.scenarios} scenarios met their expectations; wrote ${join(out, 'report.json')}, report.md, report.html\n`);
    if (args.suggest) process.stdout.write(suggestion(report.cut));
    if (!report.campaign.pass) throw new ExpectationFailed('a scenario expectation failed');
  },
};

/** The minimum cut for a terminal: each change with the pairs it closes alone. */
function suggestion(cut: GamedayReport['cut']): string {
  if (!cut.possible) return 'minimum cut: none — some path runs over edges no one object makes (a default, a structural link)\n';
  if (!cut.changes.length) return 'minimum cut: nothing to cut, no entry reaches a crown jewel\n';
  const head = `minimum cut: ${cut.changes.length} change${cut.changes.length === 1 ? '' : 's'} disconnect every entry from every crown jewel (${cut.pairs} pairs today)${cut.exact ? '' : ', an upper bound'}:`;
  return `${[head, ...cut.changes.map((c) => `  ${c.change}  (closes ${c.closes} alone; removes ${c.edges.join('; ')})`)].join('\n')}\n`;
}

function readPrevious(path: string): { report: GamedayReport; file: string } {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'report.json') : path;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--previous: cannot read ${file} (${err instanceof Error ? err.message : String(err)})`);
  }
  if ((value as { format?: unknown })?.format !== GAMEDAY_FORMAT) throw new UsageError(`--previous: ${file} is not a ${GAMEDAY_FORMAT} report`);
  return { report: value as GamedayReport, file };
}
