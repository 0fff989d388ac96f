import type { LintFinding, LintRule } from './rule.js';
import { finding } from './lib/objects.js';

export const rule: LintRule = {
  id: 'exception-unowned',
  title: 'Exception without owner or expiry',
  severity: 'error',
  description: 'A native exception (a temporary allow) whose owner or expiry date is empty: a temporary allow nobody answers for, or one that never ends, is a permanent hole.',
  remediation: 'Give the exception an `owner:` (a team) and an `expires:` date no further than the next review.',
  check(ctx) {
    const out: LintFinding[] = [];
    for (const e of ctx.model.native.exceptions) {
      const missing = [!e.owner?.trim() ? 'owner' : '', !e.expires?.trim() ? 'expiry' : ''].filter(Boolean);
      if (missing.length) out.push(finding(rule, `exception/${e.name}`, `has no ${missing.join(' and no ')}`, e.source));
    }
    return out;
  },
};
