import { exceptionStatus } from '../engine/exceptions.js';
import type { LintFinding, LintRule } from './rule.js';
import { finding } from './lib/objects.js';

/** How far ahead an expiry is announced. */
export const EXPIRING_WITHIN_DAYS = 14;

export const rule: LintRule = {
  id: 'exception-expiring',
  title: 'Exception expiring soon',
  severity: 'note',
  description: `A native exception that expires within ${EXPIRING_WITHIN_DAYS} days of the evaluation date (today or later): its owner should decide now whether the access ends or becomes a policy rule.`,
  remediation: 'Ask the owner: remove what depends on the exception before it expires, or replace it by a reviewed policy rule.',
  check(ctx) {
    const out: LintFinding[] = [];
    const sources = new Map(ctx.model.native.exceptions.map((e) => [e.name, e.source]));
    for (const s of exceptionStatus(ctx.model, ctx.at)) {
      if (s.expired || s.daysLeft > EXPIRING_WITHIN_DAYS) continue;
      const when = s.daysLeft === 0 ? 'today' : `in ${s.daysLeft} day${s.daysLeft === 1 ? '' : 's'}`;
      out.push(finding(rule, `exception/${s.name}`, `expires ${when}, on ${s.expires} (owner ${s.owner || 'none'})`, sources.get(s.name)));
    }
    return out;
  },
};
