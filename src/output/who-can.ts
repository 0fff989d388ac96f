import type { WhoCanResult } from '../engine/who-can.js';
import { decisionLine, hopLines } from './text.js';

export function renderWhoCan(r: WhoCanResult): string {
  const lines = [`who can ${r.action} on ${r.resource}: ${r.principals.length} principal${r.principals.length === 1 ? '' : 's'}`];
  for (const e of r.principals) {
    const mark = e.decision === 'conditional' ? ' (conditional)' : '';
    if (e.via === 'direct') {
      lines.push(`  ▸ ${e.principal} — directly${mark}`);
      for (const d of e.decisions) lines.push(`      ${decisionLine(d)}`);
    } else {
      lines.push(`  ▸ ${e.principal} — through ${e.path!.length} hop${e.path!.length === 1 ? '' : 's'} in ${e.minutes}m${mark}`);
      e.path!.forEach((h, i) => lines.push(...hopLines(h, i + 1, '      ')));
    }
  }
  return `${lines.join('\n')}\n`;
}
