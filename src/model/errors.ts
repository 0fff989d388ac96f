/**
 * Typed errors with stable codes. Only the CLI entry maps them to exit codes
 * (0 ok, 1 expectation or gate failed, 2 bad input or usage).
 */

/** One thing wrong with an input, located as precisely as the input allows. */
export interface Problem {
  file: string;
  line?: number;
  /** Dotted path into the document: `workloads[2].ports[0].port`. */
  path: string;
  message: string;
}

export function renderProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path) || a.message.localeCompare(b.message),
  );
}

/** Bad input: every problem found, not just the first. Exit code 2. */
export class InputError extends Error {
  readonly code = 'E_INPUT';
  readonly problems: Problem[];
  constructor(problems: readonly Problem[]) {
    const sorted = sortProblems(problems);
    super(sorted.map(renderProblem).join('\n'));
    this.problems = sorted;
  }
}

/** Wrong command-line usage (unknown node id, missing option). Exit code 2. */
export class UsageError extends Error {
  readonly code = 'E_USAGE';
}

/** The input is fine but an expectation, probe or gate failed. Exit code 1. */
export class ExpectationFailed extends Error {
  readonly code = 'E_EXPECTATION';
}
