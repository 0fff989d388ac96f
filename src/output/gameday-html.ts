/**
 * A game day report as ONE self-contained HTML file: no script, font, stylesheet or image
 * from anywhere else, so it opens offline and prints. The attack picture is inline SVG laid
 * out at build time; each scenario's timeline and path explanations fold in <details>; a
 * print stylesheet and a dark-mode one come with it.
 */
import type { GamedayReport, ScoredFigure, Trend } from '../gameday/report.js';
import { attackPicture } from './attack-picture.js';
import { escapeHtml as esc } from './html.js';

const ARROW: Record<Trend, string> = { better: '▲', worse: '▼', same: '=', new: 'new' };
const value = (v: number | null | undefined, unit: string) => (v === null || v === undefined ? '—' : `${v}${unit === 'min' ? ' min' : unit}`);

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d0d7de;--t0:#d1242f;--t1:#bc4c00;--t2:#9a6700;--tn:#59636e;--ok:#1a7f37;--bad:#d1242f}
@media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#161b22;--line:#3d444d;--t0:#ff7b72;--t1:#ffa657;--t2:#d29922;--tn:#9198a1;--ok:#3fb950;--bad:#f85149}}
*{box-sizing:border-box}body{margin:0 auto;max-width:1100px;padding:24px 16px;font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.25em;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
.verdict{font-size:1.1em;padding:.6em .9em;border-radius:6px;background:var(--panel);border-left:5px solid var(--ok)}.verdict.fail{border-left-color:var(--bad)}
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}th{background:var(--panel)}td.num{text-align:right;white-space:nowrap}
.def{color:var(--muted);font-size:.88em}.trend-better{color:var(--ok)}.trend-worse{color:var(--bad)}code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em;background:var(--panel);padding:0 3px;border-radius:3px;word-break:break-all}
.picture{overflow-x:auto;border:1px solid var(--line);border-radius:6px;padding:8px;background:var(--panel)}
.attack-picture{max-width:none;height:auto}.attack-picture .edge{fill:none;stroke:var(--fg);stroke-width:1.4}.attack-picture .edge.blocked{stroke:var(--muted);stroke-dasharray:5 4}
.attack-picture .arrow{fill:var(--fg)}.attack-picture .arrow.blocked{fill:var(--muted)}.attack-picture .edge-label{font-size:10px;fill:var(--muted);paint-order:stroke;stroke:var(--panel);stroke-width:3px}
.attack-picture .node{fill:var(--bg);stroke-width:2}.attack-picture .tier-0{stroke:var(--t0);fill:color-mix(in srgb,var(--t0) 14%,var(--bg))}.attack-picture .tier-1{stroke:var(--t1)}.attack-picture .tier-2{stroke:var(--t2)}.attack-picture .tier-none{stroke:var(--tn)}
.attack-picture .entry{stroke-width:3.5}.attack-picture .cut{stroke-dasharray:2 2}.attack-picture .node-label{font:11px ui-monospace,Menlo,monospace;fill:var(--fg)}
.legend{color:var(--muted);font-size:.85em;margin:.3em 0 0}
details{border:1px solid var(--line);border-radius:6px;padding:.4em .8em;margin:.5em 0}summary{cursor:pointer;font-weight:600}
.pass{color:var(--ok)}.fail{color:var(--bad)}.spark{vertical-align:middle}.spark path{fill:none;stroke:var(--muted);stroke-width:1.5}.spark circle{fill:var(--fg)}
@media (max-width:700px){body{font-size:14px;padding:12px 8px;overflow-wrap:anywhere}th,td{padding:4px 5px}td.num{white-space:normal;overflow-wrap:normal}.def{display:block}.hide-narrow,.spark{display:none}}
@media print{body{max-width:none;color:#000;background:#fff}details{break-inside:avoid}details:not([open]) > *:not(summary){display:block}.picture{overflow:visible}h2{break-after:avoid}}
`;

function spark(f: ScoredFigure): string {
  if (f.previous === undefined || f.previous === null || f.value === null) return '';
  const lo = Math.min(f.previous, f.value);
  const hi = Math.max(f.previous, f.value);
  const y = (v: number) => (hi === lo ? 8 : 14 - ((v - lo) / (hi - lo)) * 12);
  return `<svg class="spark" width="44" height="16" viewBox="0 0 44 16" aria-hidden="true"><path d="M4,${y(f.previous).toFixed(1)} L40,${y(f.value).toFixed(1)}"/><circle cx="40" cy="${y(f.value).toFixed(1)}" r="2.5"/></svg>`;
}

export function renderGamedayHtml(r: GamedayReport, kinds: ReadonlyMap<string, string>, tiers: ReadonlyMap<string, number>): string {
  const out: string[] = [];
  out.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Game day ${esc(r.at)} — lateral</title><style>${CSS}</style></head><body>`);
  out.push(`<h1>Game day ${esc(r.at)}</h1><p class="verdict${r.campaign.pass ? '' : ' fail'}">${r.campaign.pass ? 'Passed' : 'Failed'}: ${r.campaign.passed} of ${r.campaign.scenarios} scenarios met their expectations.${r.previous ? ` Compared with ${esc(r.previous.at)}.` : ''}</p>`);
  out.push(`<h2 id="picture">Attack paths</h2><div class="picture">${attackPicture(r.scenarios, kinds, tiers)}</div><p class="legend">Entries (thick border) on the left, crown jewels (red) on the right; solid hops are traversed, dashed ones blocked (with the blocking layer); ✂ marks what a response cut. Border colour: tier 0 red, tier 1 orange, tier 2 yellow, untiered grey. Rounded: identity; hexagon: pipeline; square: workload.</p>`);
  out.push(`<h2 id="scorecard">Zero-trust scorecard</h2><table><thead><tr><th>figure</th><th>value</th><th class="hide-narrow">target</th>${r.previous ? '<th>trend</th>' : ''}</tr></thead><tbody>`);
  for (const f of r.scorecard) {
    const detail = f.detail ? `<br><span class="def">${esc(Object.entries(f.detail).map(([k, v]) => `${k}: ${v}`).join(' · '))}</span>` : '';
    const trend = r.previous ? `<td class="num trend-${f.trend ?? 'same'}">${f.trend ? ARROW[f.trend] : ''} ${esc(value(f.previous, f.unit))} → ${esc(value(f.value, f.unit))} ${spark(f)}</td>` : '';
    out.push(`<tr><td><strong>${esc(f.name)}</strong><br><span class="def">${esc(f.definition)}</span>${detail}</td><td class="num">${esc(value(f.value, f.unit))}</td><td class="num hide-narrow">${f.target !== undefined ? esc(value(f.target, f.unit)) : ''}</td>${trend}</tr>`);
  }
  out.push('</tbody></table>');
  out.push(`<h2 id="cut">Minimum cut</h2>`);
  if (!r.cut.possible) out.push('<p>No set of policy changes disconnects every entry from every crown jewel: some path runs over edges no one object makes.</p>');
  else if (!r.cut.changes.length) out.push('<p>No entry reaches a crown jewel: nothing to cut.</p>');
  else {
    out.push(`<p>${r.cut.changes.length} change${r.cut.changes.length === 1 ? '' : 's'} disconnect every entry from every crown jewel (${r.cut.pairs} pairs reachable today)${r.cut.exact ? '' : ' — an upper bound: a smaller set may exist'}.</p><table><thead><tr><th>change</th><th>pairs it closes alone</th><th class="hide-narrow">edges it removes</th></tr></thead><tbody>`);
    for (const c of r.cut.changes) out.push(`<tr><td><code>${esc(c.change)}</code></td><td class="num">${c.closes}</td><td class="hide-narrow">${c.edges.map((e) => `<code>${esc(e)}</code>`).join('<br>')}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push(`<h2 id="entries">Worst entries of the estate</h2><table><thead><tr><th>entry</th><th>blast radius</th><th>tier 0</th></tr></thead><tbody>${r.worstEntries.map((e) => `<tr><td><code>${esc(e.entry)}</code></td><td class="num">${e.score}</td><td class="num">${e.tier0}</td></tr>`).join('')}</tbody></table>`);
  out.push(`<h2 id="scenarios">Scenarios</h2>`);
  for (const s of r.scenarios) {
    out.push(`<section class="scenario" id="scenario-${esc(s.name)}"><h3><span class="${s.pass ? 'pass' : 'fail'}">${s.pass ? '✓' : '✗'}</span> ${esc(s.name)} <span class="def">${esc(s.kind)} from <code>${esc(s.entry)}</code>${s.trend ? ` · ${ARROW[s.trend]} ${s.trend}` : ''}</span></h3>`);
    if (s.description) out.push(`<p>${esc(s.description)}</p>`);
    out.push(`<p>Blast radius <strong>${s.blastRadius.score}</strong> (baseline ${s.baseline.score}), ${s.blastRadius.tier0} crown jewel${s.blastRadius.tier0 === 1 ? '' : 's'} reached, ${s.blockedPercent}% of baseline paths blocked.${s.containment ? ` Response: ${esc(s.containment.response)} at ${s.containment.respondAt} min — ${s.containment.contained ? `contained in ${s.containment.timeToContain} min` : 'not contained'}${s.tooLateFor.length ? `; too late for ${s.tooLateFor.map((t) => `<code>${esc(t)}</code>`).join(', ')}` : ''}.` : ''}</p>`);
    if (s.playbookContainment) out.push(`<p>Playbook: ${s.playbookContainment.contained ? `contained at ${s.playbookContainment.at} min, ${s.playbookContainment.timeToContain} min after its first action` : 'not contained: nodes still fall after its last action'}.</p>`);
    if (!s.timeline.length) out.push('<p>The attacker reaches nothing beyond the entry.</p>');
    else out.push(`<details><summary>Timeline (${s.timeline.length} events)</summary><table><thead><tr><th>min</th><th>event</th></tr></thead><tbody>${s.timeline.map((e) => `<tr><td class="num">${e.minute}</td><td>${e.event === 'response' ? '<strong>defender</strong> ' : ''}${esc(e.text)}</td></tr>`).join('')}</tbody></table></details>`);
    for (const p of s.paths) {
      out.push(`<details><summary>Path to <code>${esc(p.target)}</code> in ${p.minutes} min (${p.hops.length} hop${p.hops.length === 1 ? '' : 's'})</summary><ol>${p.hops.map((h) => `<li><code>${esc(h.from)}</code> -${esc(h.kind)}→ <code>${esc(h.to)}</code> (${esc(h.technique)}, at ${h.minutes} min): ${esc(h.reason)}<ul>${h.decisions.map((d) => `<li>${esc(d.layer)} <strong>${esc(d.decision)}</strong> <code>${esc(d.policy)}</code>: ${esc(d.reason)}</li>`).join('')}</ul></li>`).join('')}</ol></details>`);
    }
    if (s.expectations.length) out.push(`<ul>${s.expectations.map((x) => `<li class="${x.pass ? 'pass' : 'fail'}">${x.pass ? '✓' : '✗'} ${esc(x.check)} ${esc(String(x.expected))} (actual: ${esc(String(x.actual))})</li>`).join('')}</ul>`);
    out.push('</section>');
  }
  out.push(`<h2 id="inputs">Inputs</h2><details><summary>${r.inputs.length} files (SHA-256)</summary><table><tbody>${r.inputs.map((i) => `<tr><td><code>${esc(i.file)}</code></td><td><code>${i.sha256}</code></td></tr>`).join('')}</tbody></table></details>`);
  out.push('</body></html>\n');
  return out.join('\n');
}
