import type { CommandModule } from 'yargs';
import { runProbe, type ProbeResult } from '../engine/probe.js';
import { IngestContext } from '../ingest/context.js';
import { parseFile } from '../ingest/parse.js';
import { validate } from '../ingest/zod-problems.js';
import { ExpectationFailed, InputError, UsageError } from '../model/errors.js';
import { probeFileSchema, probeSchema, type Probe } from '../model/probe-schema.js';
import { renderProbes } from '../output/text.js';
import { resolveNodeRef } from '../graph/resolve.js';
import { load, printJson, printText, requireIamAction, withCommon, type CommonArgs, type Loaded } from './common.js';

interface Args extends CommonArgs {
  probes: string;
}

export const probeCommand: CommandModule<object, Args> = {
  command: 'probe <inputs..>',
  describe: 'check single decisions and reachability against expectations (exit 1 when one fails)',
  builder: (y) =>
    withCommon(y)
      .option('probes', { alias: 'p', describe: 'probe file (YAML): probes: [{ from, to, port, expect }, { from, action, resource, expect }, { from, to, reach }]', type: 'string', demandOption: true })
      .example('$0 probe topologies/demo-shop --probes probes.yaml', 'check every probe, explained')
      .example('$0 probe cluster.yaml --probes conformance.yaml --json', 'results as JSON: verdict, pass, reasons per layer') as never,
  handler: async (args) => {
    const probes = loadProbes(args.probes);
    const env = await load(args);
    const result = await probe(env, probes, args);
    if (args.json) printJson('probe', result, env.warnings);
    else printText(renderProbes(result.results));
    if (result.results.some((r) => r.pass === false)) throw new ExpectationFailed('a probe failed');
  },
};

export interface ProbeOutput {
  results: ProbeResult[];
}

/** What `probe` answers (its `--json` is this, with `format` and warnings); a probe naming what is not there is an input error at its line. */
export async function probe(env: Loaded, probes: readonly { probe: Probe; line?: number }[], args: CommonArgs & { probes: string }): Promise<ProbeOutput> {
  const results: ProbeResult[] = [];
  const problems: InputError['problems'] = [];
  for (const { probe, line } of probes) {
    try {
      if (probe.action !== undefined && isIamGrant(env, probe)) await requireIamAction(probe.action, 'action');
      results.push(runProbe({ graph: env.built.graph, g: env.g, ctx: env.built.ctx, strictConditions: args['strict-conditions'], pivot: args.pivot }, probe));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      problems.push({ file: args.probes, line, path: '', message: err.message });
    }
  }
  if (problems.length) throw new InputError(problems);
  return { results };
}

/** A grant probe the IAM engine decides: on an ARN, or from an AWS principal (native grants name actions freely). */
function isIamGrant(env: Loaded, probe: Probe): boolean {
  if (probe.resource?.startsWith('arn:')) return true;
  let from: string;
  try {
    from = resolveNodeRef(env.built.graph, env.model, probe.from);
  } catch {
    return false; // runProbe says why `from` names no node
  }
  return env.model.aws.principals.some((p) => p.arn === from);
}

export function loadProbes(file: string): { probe: Probe; line?: number }[] {
  const ctx = new IngestContext();
  let parsed;
  try {
    parsed = parseFile(file);
  } catch {
    throw new UsageError(`${file}: cannot read the probe file`);
  }
  ctx.problems.push(...parsed.problems);
  const out: { probe: Probe; line?: number }[] = [];
  for (const doc of parsed.docs) {
    const body = validate(ctx, doc, [], probeFileSchema, doc.value);
    body?.probes.forEach((raw, i) => {
      const probe = validate(ctx, doc, ['probes', i], probeSchema, raw);
      if (probe) out.push({ probe, line: doc.lineOf(['probes', i]) });
    });
  }
  if (ctx.problems.length) throw new InputError(ctx.problems);
  return out;
}
