/**
 * A lint rule: one file in src/lint/, registered in src/lint/index.ts, its id its file
 * name. Where an attack-edge rule (src/rules/) connects nodes, a lint rule points at an
 * object of the inputs that weakens segmentation whether or not a path uses it yet.
 */
import type { Built } from '../graph/build.js';
import type { Model } from '../model/model.js';
import type { LintConfig } from './config.js';

export type Severity = 'error' | 'warning' | 'note';

/** Most severe first: `--severity warning` fails on errors and warnings. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

export interface LintFinding {
  rule: string;
  severity: Severity;
  message: string;
  /** What the finding is about: a node id, `kind/namespace/name` of a policy, or an ARN. */
  object: string;
  file?: string;
  line?: number;
}

/** When an observe-mode policy went into observe mode, as the CLI learned it (src/lint/observed-since.ts). */
export interface ObservedSince {
  /** YYYY-MM-DD */
  date: string;
  /** how lateral knows: `git blame of policies.yaml:12` */
  how: string;
}

export interface LintContext {
  model: Model;
  /** `loadBuilt`'s graph (nodes carry explicit and default tiers) and policy context. */
  built: Pick<Built, 'graph' | 'ctx'>;
  /** evaluation date YYYY-MM-DD */
  at: string;
  config: LintConfig;
  /** Observe-mode objects (by `observeKey`) whose start date is known. */
  observedSince: ReadonlyMap<string, ObservedSince>;
  /** IAM actions as written (lower-cased) that cover at least one action of access level Write, Permissions management or Tagging (src/lint/iam-access.ts). */
  writeActions: ReadonlySet<string>;
}

export interface LintRule {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  check(ctx: LintContext): LintFinding[];
}
