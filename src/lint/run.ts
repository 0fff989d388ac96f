/** Lint of a loaded build with its config and the facts only the command can gather (git dates, IAM access levels). */
import type { Loaded } from '../cli/common.js';
import { defaultConfig, findConfig, readConfig, type LintConfig } from './config.js';
import { writeActions } from './iam-access.js';
import { lint, LINT_RULES, type LintResult } from './index.js';
import { observedSince } from './observed-since.js';
import type { ObservedSince } from './rule.js';

/** The config `--config` names, else the nearest .lateral.yaml from `input` upward, else the defaults. */
export function lintConfig(input: string, file?: string): LintConfig {
  const found = file ?? findConfig(input);
  return found ? readConfig(found, LINT_RULES.map((r) => r.id)) : defaultConfig();
}

export async function runLint({ model, built, at }: Pick<Loaded, 'model' | 'built' | 'at'>, config: LintConfig, since: ReadonlyMap<string, ObservedSince> = observedSince(model)): Promise<LintResult> {
  return lint({ model, built, at, config, observedSince: since, writeActions: await writeActions(model) });
}
