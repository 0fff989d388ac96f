/** A diff for a terminal or a CI log: the verdict, what moved, policy changes, and each changed path with its hops. */
import type { Delta, DiffResult, PathChange } from '../diff/compare.js';

const move = (d: Delta, unit = '') => (d.before === d.after ? `${d.after}${unit}` : `${d.before}${unit} -> ${d.after}${unit}`);

function path(p: PathChange, opened: boolean): string[] {
  const lines = [`  ${opened ? '+' : '-'} ${p.entry} -> ${p.target} (${p.minutes}m)${p.policies.length ? ` by ${p.policies.join(', ')}` : ''}`];
  if (p.why) lines.push(`      ${p.why}`);
  p.hops.forEach((h, i) => {
    lines.push(`    ${p.changed.includes(i) ? '*' : ' '} ${i + 1}. ${h.from} -${h.kind}-> ${h.to}: ${h.reason}`);
    for (const d of h.decisions) lines.push(`         ${d.layer.padEnd(8)} ${d.decision.padEnd(12)} ${d.policy}`);
  });
  return lines;
}

export function renderDiffText(r: DiffResult): string {
  const out = [`lateral diff - base ${r.base} -> head ${r.head} (at ${r.at})`, r.verdict];
  if (!r.changed) return `${out.join('\n')}\n`;
  out.push('', `estate: pairs reachable ${move(r.estate.reachablePairs)}, blocked ${move(r.estate.blockedPercent, '%')}, crown jewels ${move(r.estate.crownJewels)}, entries ${move(r.estate.entries)}`);
  for (const e of r.estate.grew) out.push(`  blast radius grew: ${e.entry} ${move(e.score)} (tier 0 ${move(e.tier0)})`);
  for (const s of r.scenarios) out.push(`scenario ${s.name}: blast radius ${move(s.blastRadius)}, tier 0 ${move(s.tier0)}, blocked ${move(s.blockedPercent, '%')}${s.pass.before !== s.pass.after ? `, ${s.pass.after ? 'now passes' : 'now fails'}` : ''}`);
  if (r.policies.length) {
    out.push('', `policy changes (${r.policies.length}):`);
    for (const c of r.policies) out.push(`  ${c.change.padEnd(8)} ${c.kind} ${c.id}${c.fields.length ? ` [${c.fields.join(', ')}]` : ''}${c.file ? ` (${c.file}${c.line !== undefined ? `:${c.line}` : ''})` : ''}`);
  }
  if (r.lint.new.length || r.lint.fixed.length) {
    out.push('', `lint: ${r.lint.new.length} new, ${r.lint.fixed.length} fixed`);
    for (const f of r.lint.new) out.push(`  + ${f.severity.padEnd(7)} ${f.rule} ${f.object}: ${f.message}${f.file ? ` (${f.file}${f.line !== undefined ? `:${f.line}` : ''})` : ''}`);
    for (const f of r.lint.fixed) out.push(`  - ${f.severity.padEnd(7)} ${f.rule} ${f.object}`);
  }
  for (const [list, opened] of [[r.opened, true], [r.closed, false]] as const) {
    if (!list.total) continue;
    out.push('', `${opened ? 'opened' : 'closed'} paths (${list.total}; * marks the hops that changed):`);
    for (const p of list.paths) out.push(...path(p, opened));
    if (list.paths.length < list.total) out.push(`  ... and ${list.total - list.paths.length} more (--limit shows more)`);
  }
  const tripped = r.gates.filter((g) => g.tripped);
  if (tripped.length) out.push('', ...tripped.map((g) => `x gate ${g.gate}: ${g.why}`));
  return `${out.join('\n')}\n`;
}
