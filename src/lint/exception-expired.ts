import { exceptionStatus } from '../engine/exceptions.js';
import type { LintFinding, LintRule } from './rule.js';
import { finding } from './lib/objects.js';

export const rule: LintRule = {
  id: 'exception-expired',
  title: 'Expired exception still in the inputs',
  severity: 'warning',
  description: 'A native exception whose `expires` date is before the evaluation date. It grants nothing any more, so whatever still depends on it breaks; left in place it is renewed by habit.',
  remediation: 'Delete the exception, or, if the access is still needed, make it a reviewed policy rule (or renew it with a new owner-approved expiry).',
  check(ctx) {
    const out: LintFinding[] = [];
    const sources = new Map(ctx.model.native.exceptions.map((e) => [e.name, e.source]));
    for (const s of exceptionStatus(ctx.model, ctx.at)) {
      if (s.expired) out.push(finding(rule, `exception/${s.name}`, `expired ${s.expires}, ${-s.daysLeft} day${s.daysLeft === -1 ? '' : 's'} ago (owner ${s.owner || 'none'})`, sources.get(s.name)));
    }
    return out;
  },
};
