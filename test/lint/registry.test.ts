import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LINT_RULES } from '../../src/lint/index.js';
import { SEVERITIES } from '../../src/lint/rule.js';

const dir = fileURLToPath(new URL('../../src/lint/', import.meta.url));
/** Files of src/lint/ that are not rules. */
const NOT_RULES = new Set(['index.ts', 'rule.ts', 'config.ts', 'iam-access.ts', 'observed-since.ts', 'run.ts', 'table.ts']);

describe('LINT_RULES', () => {
  it('has unique ids, each its file name, and every rule file is registered', () => {
    const ids = LINT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f)).map((f) => f.replace(/\.ts$/, ''));
    expect([...ids].sort()).toEqual(files.sort());
    for (const r of LINT_RULES) expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives every rule a title, severity, description and remediation', () => {
    for (const r of LINT_RULES) {
      expect(SEVERITIES).toContain(r.severity);
      expect(r.title.length).toBeGreaterThan(0);
      expect(r.description.length).toBeGreaterThan(40);
      expect(r.remediation.length).toBeGreaterThan(20);
    }
  });
});
