/** A game day report as markdown: the campaign verdict, the scorecard with definitions and trends, the minimum cut, and each scenario's timeline. */
import type { GamedayReport, Trend } from '../gameday/report.js';

const ARROW: Record<Trend, string> = { better: '▲ better', worse: '▼ worse', same: '= same', new: 'new' };
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const value = (v: number | null | undefined, unit: string) => (v === null || v === undefined ? '—' : `${v}${unit === 'min' ? ' min' : unit}`);

export function renderGamedayMarkdown(r: GamedayReport): string {
  const out = [`# Game day ${r.at}`, ''];
  out.push(`**${r.campaign.pass ? 'Passed' : 'Failed'}**: ${r.campaign.passed} of ${r.campaign.scenarios} scenarios met their expectations.${r.previous ? ` Compared with ${r.previous.at} (${r.previous.report}).` : ''}`, '');
  out.push('## Scorecard', '', `| figure | value | target | ${r.previous ? 'previous | trend | ' : ''}definition |`, `|---|---:|---:|${r.previous ? '---:|---|' : ''}---|`);
  for (const f of r.scorecard) {
    const detail = f.detail ? ` (${Object.entries(f.detail).map(([k, v]) => `${k}: ${v}`).join(', ')})` : '';
    out.push(`| ${f.name} | ${value(f.value, f.unit)} | ${f.target !== undefined ? value(f.target, f.unit) : ''} | ${r.previous ? `${value(f.previous, f.unit)} | ${f.trend ? ARROW[f.trend] : ''} | ` : ''}${cell(f.definition + detail)} |`);
  }
  out.push('', '## Worst entries of the estate', '', '| entry | blast radius | tier 0 reached |', '|---|---:|---:|');
  for (const e of r.worstEntries) out.push(`| \`${e.entry}\` | ${e.score} | ${e.tier0} |`);
  out.push('', '## Minimum cut', '');
  if (!r.cut.possible) out.push('No set of policy changes disconnects every entry from every crown jewel: some path runs over edges no one object makes (a default, a structural link).');
  else if (!r.cut.changes.length) out.push('No entry reaches a crown jewel: nothing to cut.');
  else {
    out.push(`${r.cut.changes.length} change${r.cut.changes.length === 1 ? '' : 's'} disconnect every entry from every crown jewel (${r.cut.pairs} pairs reachable today)${r.cut.exact ? '' : ' — an upper bound: a smaller set of changes may exist'}:`, '');
    out.push('| change | pairs it closes alone | edges it removes |', '|---|---:|---|');
    for (const c of r.cut.changes) out.push(`| \`${c.change}\` | ${c.closes} | ${cell(c.edges.join('; '))} |`);
  }
  for (const s of r.scenarios) {
    out.push('', `## ${s.pass ? '✓' : '✗'} ${s.name} (${s.kind} from \`${s.entry}\`)${s.trend ? ` — ${ARROW[s.trend]}` : ''}`, '');
    if (s.description) out.push(s.description, '');
    out.push(`Blast radius ${s.blastRadius.score} (baseline ${s.baseline.score}), ${s.blastRadius.tier0} crown jewel${s.blastRadius.tier0 === 1 ? '' : 's'} reached, ${s.blockedPercent}% of baseline paths blocked.`);
    if (s.containment) out.push(`Response: ${s.containment.response} at ${s.containment.respondAt} min — ${s.containment.contained ? `contained (time to contain ${s.containment.timeToContain} min)` : 'not contained'}${s.tooLateFor.length ? `; too late for ${s.tooLateFor.map((t) => `\`${t}\``).join(', ')}` : ''}.`);
    if (s.playbookContainment) out.push(`Playbook: ${s.playbookContainment.contained ? `contained at ${s.playbookContainment.at} min, ${s.playbookContainment.timeToContain} min after its first action` : 'not contained: nodes still fall after its last action'}.`);
    if (s.timeline.length) {
      out.push('', '| minute | event |', '|---:|---|');
      for (const e of s.timeline) out.push(`| ${e.minute} | ${e.event === 'response' ? '**defender** ' : ''}${cell(e.text)} |`);
    } else out.push('', 'The attacker reaches nothing beyond the entry.');
    if (s.expectations.length) out.push('', ...s.expectations.map((x) => `- ${x.pass ? '✓' : '✗'} ${x.check} ${x.expected} (actual: ${x.actual})`));
  }
  return `${out.join('\n')}\n`;
}
