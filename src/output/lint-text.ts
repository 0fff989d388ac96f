/** `lateral lint` for the terminal: one line per finding, `file:line: severity: object: message [rule]`, then the counts and measures. */
import type { LintResult } from '../lint/index.js';
import type { LintFinding } from '../lint/rule.js';

function line(f: LintFinding): string {
  const where = f.file === undefined ? '(no file)' : f.line === undefined ? f.file : `${f.file}:${f.line}`;
  return `${where}: ${f.severity}: ${f.object}: ${f.message} [${f.rule}]`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderLintText(result: LintResult): string {
  const out = result.findings.map(line);
  if (out.length) out.push('');
  const c = result.counts;
  const perRule = result.rules.flatMap((r) => {
    const n = result.findings.filter((f) => f.rule === r.id).length;
    return n ? [`${r.id} ${n}`] : [];
  });
  out.push(
    `${plural(result.findings.length, 'finding')}: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.note, 'note')}${result.suppressed ? ` (${result.suppressed} suppressed)` : ''}${perRule.length ? ` — ${perRule.join(', ')}` : ''}`,
  );
  const o = result.measures.ownerCoverage;
  const pct = (x: { owned: number; total: number; percent: number }) => (x.total ? `${x.percent} % (${x.owned}/${x.total})` : 'none to own');
  out.push(`owners: ${pct(o.all)} of workloads, identities and policies; workloads ${pct(o.workloads)}, identities ${pct(o.identities)}, policies ${pct(o.policies)}`);
  const e = result.measures.exceptionAge;
  if (e.total) out.push(`exceptions: ${e.total}, older than 7 days ${e.over7}, 30 days ${e.over30}, 90 days ${e.over90}${e.pending ? `, ${e.pending} not yet in force` : ''}${e.undated ? `, ${e.undated} without a created date` : ''}`);
  const m = result.measures.observeMode;
  if (m.objects) out.push(`observe mode: ${plural(m.objects, 'object')}, ${m.dated} with a known start (git), ${m.stale} past observeMaxAgeDays`);
  return `${out.join('\n')}\n`;
}
