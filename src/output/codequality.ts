/**
 * Lint findings as a GitLab code-quality report (the Code Climate issue subset GitLab reads:
 * description, check_name, fingerprint, severity, location.path and lines.begin), shown in
 * the merge-request widget. Paths are relative to the repository root; the fingerprint is
 * stable across runs, so GitLab can tell new findings from old.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { LintResult, Severity } from '../lint/index.js';

const SEVERITY: Record<Severity, 'critical' | 'major' | 'info'> = { error: 'critical', warning: 'major', note: 'info' };

export function renderCodeQuality(result: Pick<LintResult, 'findings'>, root: string, cwd: string): object[] {
  return result.findings.map((f) => {
    const abs = f.file === undefined ? undefined : isAbsolute(f.file) ? f.file : resolve(cwd, f.file);
    const path = abs === undefined ? '' : relative(root, abs).split(sep).join('/');
    return {
      description: `${f.object}: ${f.message}`,
      check_name: f.rule,
      fingerprint: createHash('sha256').update(`${f.rule}\u0000${f.object}\u0000${f.message}`).digest('hex'),
      severity: SEVERITY[f.severity],
      location: { path, lines: { begin: f.line ?? 1 } },
    };
  });
}
