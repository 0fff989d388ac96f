import type { SkipCause, Skipped } from '../model/model.js';

/** Each cause's line in the summary, in the order printed. */
const LABELS: Record<SkipCause, string> = {
  'unread-kind': 'not read by lateral',
  unrecognised: 'no input format recognises',
  scenario: 'scenarios, not topologies (pass them with --scenario)',
  'defined-twice': 'defined twice (the later definition is used)',
  'missing-policy': 'attached managed policies not in the inputs (not evaluated; export with --filter LocalManagedPolicy AWSManagedPolicy)',
  'unread-file': 'files no format reads',
};

const MAX_KINDS = 8;

/**
 * What was skipped, for stderr: a headline and one line per cause counting the kinds (a real
 * repository skips dozens of documents, and a list of them buries the result); `verbose`
 * lists every skip under the headline instead.
 */
export function skipSummary(skipped: readonly Skipped[], verbose: boolean): string[] {
  if (skipped.length === 0) return [];
  const files = skipped.filter((s) => s.doc === undefined).length;
  const docs = skipped.length - files;
  const counts = [docs ? plural(docs, 'document') : '', files ? plural(files, 'file') : ''].filter(Boolean).join(' and ');
  if (verbose) return [`lateral: skipped ${counts}`, ...skipped.map(line)];
  const lines = [`lateral: skipped ${counts} (--verbose lists each, --json has them all)`];
  for (const cause of Object.keys(LABELS) as SkipCause[]) {
    const of = skipped.filter((s) => s.cause === cause);
    if (of.length) lines.push(`  ${LABELS[cause]}: ${cause === 'unread-file' ? fileList(of) : kindCounts(of)}`);
  }
  return lines;
}

function line(s: Skipped): string {
  const doc = s.doc === undefined ? '' : `doc ${s.doc}${s.kind ? ` (${s.kind})` : ''}: `;
  return `  ${s.file}${s.line ? `:${s.line}` : ''}: ${doc}${s.reason}`;
}

/** `11 VirtualService, 8 Kustomization, 2 without a kind`, the commonest first. */
function kindCounts(of: readonly Skipped[]): string {
  const by = new Map<string, number>();
  for (const s of of) by.set(s.kind ?? '', (by.get(s.kind ?? '') ?? 0) + 1);
  const sorted = [...by].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (sorted.length === 1 && sorted[0]![0] === '') return plural(of.length, 'document');
  const shown = sorted.slice(0, MAX_KINDS).map(([kind, n]) => (kind ? `${n} ${kind}` : `${n} without a kind`));
  return [...shown, ...(sorted.length > MAX_KINDS ? [`${sorted.length - MAX_KINDS} more kinds`] : [])].join(', ');
}

function fileList(of: readonly Skipped[]): string {
  const names = of.slice(0, MAX_KINDS).map((s) => s.file);
  return [...names, ...(of.length > MAX_KINDS ? [`${of.length - MAX_KINDS} more`] : [])].join(', ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
