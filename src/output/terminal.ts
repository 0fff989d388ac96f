/**
 * How text output meets its reader. On a terminal: Unicode marks, colour (unless NO_COLOR is
 * set, https://no-color.org) and lines wrapped to its width (80 columns when it does not say).
 * Anywhere else (a pipe, a file, a CI log): plain ASCII, no escape codes, and every line
 * whole, so grep finds a reason or an id in one piece. Renderers write Unicode text once;
 * this is the only place that decides how it is shown.
 */
export interface TextOptions {
  width: number;
  unicode: boolean;
  colour: boolean;
}

export function textOptions(stream: { isTTY?: boolean; columns?: number }, env: Record<string, string | undefined> = process.env): TextOptions {
  const tty = stream.isTTY === true;
  return { width: tty ? Math.max(60, stream.columns || 80) : Infinity, unicode: tty, colour: tty && !env.NO_COLOR };
}

const ASCII: [RegExp, string][] = [
  [/━/g, '='],
  [/─/g, '-'],
  [/→/g, '->'],
  [/⇝/g, '~>'],
  [/▸/g, '>'],
  [/▪/g, '*'],
  [/✓/g, 'ok'],
  [/✗/g, 'x'],
  [/·/g, '-'],
  [/—/g, '-'],
  [/…/g, '...'],
  [/[‘’]/g, "'"],
  [/[“”]/g, '"'],
];

export function present(text: string, o: TextOptions): string {
  const plain = o.unicode ? text : ASCII.reduce((s, [from, to]) => s.replace(from, to), text);
  const lines = plain.split('\n').flatMap((line) => wrap(line, o.width, o.unicode ? '…' : '...'));
  return (o.colour ? lines.map(paint) : lines).join('\n');
}

/** What a wrapped line's continuation hangs under: a list marker (`· `, `▸ `, `1. `), or a label (`can talk to    `, `exceptions: `). */
const MARKER = /^(\s*)((?:[·▸▪✓✗>*x-]|ok|\d+\.)\s+|[a-z][a-z -]{1,22}(?::\s+|\s{2,}))?/;

/**
 * Breaks a line at spaces so no piece is wider than `width`, continuing under the text after
 * its marker or label (two spaces in otherwise); a word wider than the room left (a long
 * ARN) is shortened in the middle.
 */
export function wrap(line: string, width: number, ellipsis = '…'): string[] {
  if (line.length <= width) return [line];
  const [lead, indent = '', marker = ''] = MARKER.exec(line)!;
  const hang = ' '.repeat(Math.min(indent.length + (marker ? marker.length : 2), Math.floor(width / 2)));
  const out: string[] = [];
  let current = lead;
  let started = false;
  for (const word of line.slice(lead.length).split(' ')) {
    if (!started) {
      current += shorten(word, width - current.length, ellipsis);
      started = true;
    } else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      out.push(current);
      current = hang + shorten(word, width - hang.length, ellipsis);
    }
  }
  out.push(current);
  return out;
}

function shorten(word: string, room: number, ellipsis: string): string {
  if (word.length <= room || room < 12) return word;
  const keep = room - ellipsis.length;
  const head = Math.ceil(keep / 2);
  return `${word.slice(0, head)}${ellipsis}${word.slice(word.length - (keep - head))}`;
}

const BOLD = (s: string) => `\x1b[1m${s}\x1b[22m`;
const RED = (s: string) => `\x1b[31m${s}\x1b[39m`;
const GREEN = (s: string) => `\x1b[32m${s}\x1b[39m`;
const YELLOW = (s: string) => `\x1b[33m${s}\x1b[39m`;

/** Colour by what a line says: headings bold, passes and protections green, failures and reached crown jewels red. */
function paint(line: string): string {
  if (/^\s*━━ /.test(line)) return BOLD(line);
  return line
    .replace(/^(\s*)(✓)/, (_, s: string, m: string) => s + GREEN(m))
    .replace(/^(\s*)([✗▸])/, (_, s: string, m: string) => s + RED(m))
    .replace(/^(\s*)(▪)/, (_, s: string, m: string) => s + GREEN(m))
    .replace(/^(\s*· \S+\s+)(deny|allow|conditional)\b/, (_, s: string, d: string) => s + (d === 'deny' ? RED(d) : d === 'allow' ? GREEN(d) : YELLOW(d)))
    .replace(/\bNOT contained\b/, RED('NOT contained'));
}
