/** The README's table of lint rules, made from the rule modules (STYLE: metadata lives once; a test fails when the README is stale). */
import { LINT_RULES } from './index.js';

export const TABLE_START = '<!-- lint-rules:start (scripts/readme.mjs writes this table) -->';
export const TABLE_END = '<!-- lint-rules:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function lintRulesTable(): string {
  const rows = LINT_RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${cell(r.title)} | ${cell(r.description)} |`);
  return ['| id | severity | title | what it finds |', '|---|---|---|---|', ...rows].join('\n');
}

/** `readme` with the text between the markers replaced by the current table. */
export function withLintTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`lateral: README.md has no ${TABLE_START} … ${TABLE_END} markers`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${lintRulesTable()}\n${readme.slice(end)}`;
}
