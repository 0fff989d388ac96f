import { InputError, UsageError } from '../model/errors.js';
import { scenarioSchema, type Scenario } from '../model/scenario-schema.js';
import { IngestContext } from '../ingest/context.js';
import { expandInputs } from '../ingest/files.js';
import { parseFile, type PathSegment } from '../ingest/parse.js';
import { validate } from '../ingest/zod-problems.js';

export interface LoadedScenario {
  scenario: Scenario;
  file: string;
  /** Line of the value at `path` in the scenario's document, for problems found when it runs. */
  lineOf?: (path: readonly PathSegment[]) => number | undefined;
}

/**
 * Reads scenario files (a file or a directory); every problem in every file is reported.
 * A path that holds no scenario at all is a usage error: a CI gate pointed at the wrong
 * folder must fail, not pass with nothing checked.
 */
export function loadScenarios(paths: readonly string[]): LoadedScenario[] {
  const ctx = new IngestContext();
  const out: LoadedScenario[] = [];
  // Whether a file holds anything (a scenario or a problem), by file: a file named twice is read once.
  const holds = new Map<string, boolean>();
  const empty: string[] = [];
  for (const path of paths) {
    let found = false;
    for (const file of expandInputs([path])) {
      let any = holds.get(file);
      if (any === undefined) {
        const parsed = parseFile(file);
        ctx.problems.push(...parsed.problems);
        for (const doc of parsed.docs) {
          const s = validate(ctx, doc, [], scenarioSchema, doc.value);
          if (s) out.push({ scenario: s, file, lineOf: (path) => doc.lineOf(path) });
        }
        any = parsed.docs.length > 0 || parsed.problems.length > 0;
        holds.set(file, any);
      }
      found ||= any;
    }
    if (!found) empty.push(path);
  }
  if (empty.length > 0) throw new UsageError(empty.map((p) => `no scenarios in ${p}`).join('; '));
  const names = new Map<string, string>();
  for (const s of out) {
    const first = names.get(s.scenario.name);
    if (first) ctx.problems.push({ file: s.file, line: s.lineOf?.(['name']), path: 'name', message: `duplicate scenario name "${s.scenario.name}" (first in ${first})` });
    names.set(s.scenario.name, s.file);
  }
  if (ctx.problems.length > 0) throw new InputError(ctx.problems);
  return out.sort((a, b) => (a.scenario.name < b.scenario.name ? -1 : 1));
}
