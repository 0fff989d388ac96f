import type { LintFinding, LintRule } from './rule.js';

export const rule: LintRule = {
  id: 'expired-suppression',
  title: 'Expired suppression in .lateral.yaml',
  severity: 'warning',
  description: 'A `suppress:` entry of the lint config whose `expires` date is before the evaluation date. It no longer hides its finding, which is reported again beside this one.',
  remediation: 'Fix what the suppressed finding points at and delete the entry, or renew it with a new reason and expiry.',
  check(ctx) {
    const c = ctx.config;
    const out: LintFinding[] = [];
    c.suppress.forEach((s, i) => {
      if (s.expires === undefined || s.expires >= ctx.at) return;
      const line = c.suppressLines?.[i];
      out.push({
        rule: rule.id,
        severity: rule.severity,
        object: s.object,
        message: `the suppression of ${s.rule} for ${s.object} ("${s.reason}") expired ${s.expires}`,
        ...(c.file ? { file: c.file } : {}),
        ...(line !== undefined ? { line } : {}),
      });
    });
    return out;
  },
};
