/**
 * A diff as a pull-request comment (GitHub-flavoured markdown): the verdict first, a table of
 * what moved, the policy changes, then one collapsed <details> per opened or closed path with
 * a Mermaid diagram GitHub renders (changed hops drawn red) and each hop's explanation. It
 * stays under GitHub's 65,536-character comment limit by leaving paths out and saying how many.
 */
import type { DiffResult, PathChange, PathChanges } from '../diff/compare.js';

/** GitHub rejects a comment longer than this; the rest is headroom for the marker a sticky-comment action adds. */
export const COMMENT_LIMIT = 65_536;
const BUDGET = COMMENT_LIMIT - 2_000;

const sign = (n: number) => (n > 0 ? `+${n}` : `${n}`);
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function row(label: string, before: number, after: number, unit = ''): string {
  const d = after - before;
  return `| ${label} | ${before}${unit} | ${after}${unit}${d ? ` (${sign(Math.round(d * 10) / 10)}${unit})` : ''} |`;
}

function mermaid(p: PathChange): string {
  const ids = [p.hops[0]?.from ?? p.entry, ...p.hops.map((h) => h.to)];
  const label = (s: string) => s.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
  const lines = ['```mermaid', 'flowchart LR', ...ids.map((id, i) => `  n${i}["${label(id)}"]`)];
  p.hops.forEach((h, i) => lines.push(`  n${i} -->|${label(h.kind + (h.port !== undefined ? ` ${h.port}/${h.protocol}` : ''))}| n${i + 1}`));
  for (const i of p.changed) lines.push(`  linkStyle ${i} stroke:#d1242f,stroke-width:3px`);
  lines.push('```');
  return lines.join('\n');
}

function details(p: PathChange, opened: boolean): string {
  // GitHub renders no markdown inside <summary>: HTML there.
  const html = (s: string) => `<code>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`;
  const head = `${opened ? '🔓 opened' : '🔒 closed'}: ${html(p.entry)} → ${html(p.target)} (${p.minutes} min, ${p.hops.length} hop${p.hops.length === 1 ? '' : 's'})`;
  const body = [mermaid(p), ''];
  if (p.policies.length) body.push(`Changed by: ${p.policies.map(code).join(', ')}`, '');
  if (p.why) body.push(`${p.why}.`, '');
  p.hops.forEach((h, i) => {
    body.push(`${i + 1}. ${p.changed.includes(i) ? '**changed** ' : ''}${code(h.from)} -${h.kind}-> ${code(h.to)} (${h.technique}): ${h.reason}`);
    for (const d of h.decisions) body.push(`   - ${d.layer} **${d.decision}** ${code(d.policy)}: ${d.reason}`);
  });
  return `<details><summary>${head}</summary>\n\n${body.join('\n')}\n\n</details>`;
}

export function renderDiffMarkdown(r: DiffResult): string {
  const icon = r.opened.total ? '⚠️' : r.changed ? 'ℹ️' : '✅';
  const out = [`### ${icon} lateral: ${r.verdict}`, '', `Base ${code(r.base)} → head ${code(r.head)}, evaluated at ${r.at}.`];
  if (!r.changed) return `${out.join('\n')}\n`;
  out.push('', '| | base | head |', '|---|---:|---:|');
  out.push(row('(entry, crown jewel) pairs reachable', r.estate.reachablePairs.before, r.estate.reachablePairs.after));
  out.push(row('blocked-path %', r.estate.blockedPercent.before, r.estate.blockedPercent.after, '%'));
  out.push(row('crown jewels', r.estate.crownJewels.before, r.estate.crownJewels.after));
  out.push(row('entry points', r.estate.entries.before, r.estate.entries.after));
  for (const s of r.scenarios) {
    out.push(row(`${cell(s.name)}: blast radius`, s.blastRadius.before, s.blastRadius.after));
    out.push(row(`${cell(s.name)}: blocked %`, s.blockedPercent.before, s.blockedPercent.after, '%'));
  }
  const tripped = r.gates.filter((g) => g.tripped);
  if (tripped.length) out.push('', `**Gate failed:** ${tripped.map((g) => `${g.gate} (${g.why})`).join('; ')}`);
  if (r.estate.grew.length) {
    out.push('', '**Blast radius grew most**', '', '| entry | score | tier 0 |', '|---|---:|---:|');
    for (const e of r.estate.grew) out.push(`| ${code(e.entry)} | ${e.score.before} → ${e.score.after} | ${e.tier0.before} → ${e.tier0.after} |`);
  }
  if (r.policies.length) {
    out.push('', `**Policy changes** (${r.policies.length})`, '', '| change | kind | id | fields | explained paths opened / closed | where |', '|---|---|---|---|---:|---|');
    for (const c of r.policies) out.push(`| ${c.change} | ${c.kind} | ${code(c.id)} | ${c.fields.join(', ')} | ${c.opened} / ${c.closed} | ${c.file ? code(`${c.file}${c.line !== undefined ? `:${c.line}` : ''}`) : ''} |`);
  }
  if (r.lint.new.length || r.lint.fixed.length) {
    out.push('', `**Lint**: ${r.lint.new.length} new, ${r.lint.fixed.length} fixed`);
    if (r.lint.new.length) {
      out.push('', '| severity | rule | object | finding | where |', '|---|---|---|---|---|');
      for (const f of r.lint.new.slice(0, 50)) out.push(`| ${f.severity} | ${code(f.rule)} | ${code(f.object)} | ${cell(f.message)} | ${f.file ? code(`${f.file}${f.line !== undefined ? `:${f.line}` : ''}`) : ''} |`);
      if (r.lint.new.length > 50) out.push('', `…and ${r.lint.new.length - 50} more (\`--format json\` lists them).`);
    }
  }
  let text = out.join('\n');
  const sections: [PathChanges, boolean][] = [
    [r.opened, true],
    [r.closed, false],
  ];
  for (const [list, opened] of sections) {
    if (!list.total) continue;
    let shown = 0;
    let part = `\n\n#### ${opened ? 'Opened' : 'Closed'} paths (${list.total})\n`;
    for (const p of list.paths) {
      const d = `\n${details(p, opened)}\n`;
      if (text.length + part.length + d.length > BUDGET) break;
      part += d;
      shown++;
    }
    if (shown < list.total) part += `\n…and ${list.total - shown} more (\`lateral diff --format json\` lists ${list.paths.length}, \`--limit\` raises it).\n`;
    text += part;
  }
  return `${text}\n`;
}
