#!/usr/bin/env node
/**
 * lateral's entry point: parses the command line and maps typed errors to exit codes
 * (0 ok, 1 an expectation or gate failed, 2 bad input or usage, 3 internal error).
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { diffCommand } from './cli/diff.js';
import { explainCommand } from './cli/explain.js';
import { exportCommand } from './cli/export.js';
import { gamedayCommand } from './cli/gameday.js';
import { generateCommand } from './cli/generate.js';
import { graphCommand } from './cli/graph.js';
import { lintCommand } from './cli/lint.js';
import { nodesCommand } from './cli/nodes.js';
import { probeCommand } from './cli/probe.js';
import { simulateCommand } from './cli/simulate.js';
import { whoCanCommand } from './cli/who-can.js';
import { ExpectationFailed, InputError, UsageError } from './model/errors.js';

function exitFor(err: unknown): number {
  if (err instanceof ExpectationFailed) return 1;
  if (err instanceof InputError) {
    process.stderr.write(`lateral: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in the input:\n${err.message}\n`);
    return 2;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`lateral: ${err.message}\n`);
    return 2;
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`lateral: internal error — please report it with the command that caused it\n${detail}\n`);
  return 3;
}

// `lateral graph … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

try {
  await yargs(hideBin(process.argv))
    .scriptName('lateral')
    .usage('$0 <command> [options]\n\nEast-west attack-path simulator: what can an attacker reach from a stolen token, a rogue\nworkload or a poisoned pipeline, and which policy stops them?')
    .command(simulateCommand)
    .command(probeCommand)
    .command(explainCommand)
    .command(graphCommand)
    .command(nodesCommand)
    .command(lintCommand)
    .command(whoCanCommand)
    .command(diffCommand)
    .command(gamedayCommand)
    .command(exportCommand)
    .command(generateCommand)
    .demandCommand(1, 'name a command: simulate, probe, explain, graph, nodes, who-can, lint, diff, gameday, export or generate')
    .strict()
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      throw err ?? new UsageError(`${msg}\nrun "lateral --help" for usage`);
    })
    .epilogue('Exit codes: 0 ok · 1 an expectation or probe failed · 2 bad input or usage · 3 internal error.\nDocs: README.md')
    .parseAsync();
} catch (err) {
  process.exitCode = exitFor(err);
}
