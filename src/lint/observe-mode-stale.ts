import type { LintFinding, LintRule } from './rule.js';
import { finding } from './lib/objects.js';
import { observedObjects } from './lib/observe.js';

const DAY = 86_400_000;

export const rule: LintRule = {
  id: 'observe-mode-stale',
  title: 'Observe mode for longer than planned',
  severity: 'warning',
  description:
    'A policy or default-deny in observe mode (native `mode: observe` or `defaultDeny: { layer: observe }`, Istio `istio.io/dry-run`) for more than `observeMaxAgeDays` (default 30) of the config: "observe mode forever" blocks nothing. The inputs carry no date for it, so its start is the commit that last changed the line setting observe mode (git blame); an object outside git, or not committed yet, has no age and is not reported.',
  remediation: 'Review what the observe-mode policy would have denied and enforce it, or remove it; set observeMaxAgeDays in .lateral.yaml to your rollout plan.',
  check(ctx) {
    const out: LintFinding[] = [];
    const max = ctx.config.observeMaxAgeDays;
    for (const o of observedObjects(ctx.model)) {
      const since = ctx.observedSince.get(o.object);
      if (!since) continue;
      const days = Math.floor((Date.parse(ctx.at) - Date.parse(since.date)) / DAY);
      if (days > max) out.push(finding(rule, o.object, `${o.what}: in observe mode since ${since.date} (${days} days, more than ${max}; ${since.how})`, o.source));
    }
    return out;
  },
};
