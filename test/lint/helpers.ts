/** Lints small inputs written to a temporary directory, the way `lateral lint` reads them. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildGraph } from '../../src/graph/build.js';
import { loadModel } from '../../src/ingest/index.js';
import { defaultConfig, type LintConfig } from '../../src/lint/config.js';
import { writeActions } from '../../src/lint/iam-access.js';
import { lint, LINT_RULES, type LintResult } from '../../src/lint/index.js';
import type { LintFinding, LintRule, ObservedSince } from '../../src/lint/rule.js';

export const AT = '2026-06-01';

export interface LintOptions {
  at?: string;
  config?: Partial<LintConfig>;
  observedSince?: Record<string, ObservedSince>;
  rules?: readonly LintRule[];
}

/** Lints input paths (relative to the repository) as the command does, without the command's file reading (config, git). */
export async function lintInputs(inputs: string[], o: LintOptions = {}): Promise<LintResult> {
  const at = o.at ?? AT;
  const model = loadModel(inputs);
  const built = buildGraph(model, { at });
  const config = { ...defaultConfig(), ...o.config };
  return lint({ model, built, at, config, observedSince: new Map(Object.entries(o.observedSince ?? {})), writeActions: await writeActions(model) }, o.rules ?? LINT_RULES);
}

/** The result, with file names relative to the temporary directory. */
export async function lintFiles(files: Record<string, string>, o: LintOptions = {}): Promise<LintResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lateral-lint-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const result = await lintInputs([dir], o);
    result.findings = result.findings.map((f) => (f.file ? { ...f, file: relative(dir, f.file) } : f));
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `file:line: severity: object: message [rule]`, as lint's text prints them. */
export function lines(findings: readonly LintFinding[]): string[] {
  return findings.map((f) => `${f.file ?? '-'}${f.line !== undefined ? `:${f.line}` : ''}: ${f.severity}: ${f.object}: ${f.message} [${f.rule}]`);
}

/** The findings of one rule alone on the inputs. */
export async function findingsOf(rule: LintRule, files: Record<string, string>, o: LintOptions = {}): Promise<string[]> {
  return lines((await lintFiles(files, { ...o, rules: [rule] })).findings);
}
