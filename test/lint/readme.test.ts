/** The README's lint table is the rules' own metadata: regenerate it with `node scripts/readme.mjs` when a rule changes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withLintTable } from '../../src/lint/table.js';

describe('README lint table', () => {
  it('is what the rule modules say', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withLintTable(readme));
  });
});
