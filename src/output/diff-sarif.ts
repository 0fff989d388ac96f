/**
 * A diff as SARIF for code scanning: the lint findings the change adds, and each attack path
 * it opens as a result of the rule `new-attack-path`, located at the policy change that opened
 * it (or at the head when no changed policy has a file). Closed paths and fixed findings are
 * not results: code scanning closes an alert when its result is gone.
 */
import type { DiffResult } from '../diff/compare.js';
import { LINT_RULES, type LintFinding, type LintResult, type LintRule } from '../lint/index.js';
import { renderSarif, type SarifOptions } from './sarif.js';

export const NEW_ATTACK_PATH: LintRule = {
  id: 'new-attack-path',
  title: 'The change opens an attack path to a crown jewel',
  severity: 'error',
  description: 'An (entry, crown jewel) pair that the base does not reach and the head does: lateral diff lists its fastest path and the hops the base lacks or denies.',
  remediation: 'Restore the denying rule, narrow the allow to the callers that need it, or record an exception with an owner and an expiry.',
  check: () => [],
};

export function renderDiffSarif(r: DiffResult, lint: Pick<LintResult, 'at' | 'rules' | 'counts' | 'suppressed' | 'measures'>, options: SarifOptions): object {
  const where = new Map(r.policies.map((c) => [`${c.kind} ${c.id}`, c]));
  const paths: LintFinding[] = r.opened.paths.map((p) => {
    const change = p.policies.map((k) => where.get(k)).find((c) => c?.file !== undefined && c.change !== 'removed');
    const hop = p.changed.map((i) => p.hops[i]!).find(() => true);
    return {
      rule: NEW_ATTACK_PATH.id,
      severity: 'error',
      message: `${p.entry} reaches ${p.target} in ${p.minutes} min${hop ? ` over the new hop ${hop.from} -${hop.kind}-> ${hop.to}` : ''}${p.policies.length ? ` (changed: ${p.policies.join(', ')})` : ''}`,
      object: `${p.entry} -> ${p.target}`,
      file: change?.file ?? r.head,
      ...(change?.line !== undefined ? { line: change.line } : {}),
    };
  });
  return renderSarif({ ...lint, findings: [...paths, ...r.lint.new] }, [NEW_ATTACK_PATH, ...LINT_RULES], options);
}
