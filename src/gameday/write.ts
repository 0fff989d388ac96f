/**
 * Writes a report folder all at once: into a temporary folder beside it, renamed into place
 * at the end, so a crash leaves no half report; an existing folder is replaced only when the
 * caller says so (no earlier game day is lost by accident).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../model/errors.js';

export function writeReportFolder(out: string, files: Readonly<Record<string, string>>, force: boolean): void {
  const target = resolve(out);
  if (existsSync(target) && !force) throw new UsageError(`${out} exists: a game day's report is kept; pass --force to replace it, or --out another folder`);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, name), text);
    // mkdtemp makes a private folder; a report is for sharing.
    chmodSync(tmp, 0o755);
    if (existsSync(target)) {
      const old = `${tmp}-replaced`;
      renameSync(target, old);
      renameSync(tmp, target);
      rmSync(old, { recursive: true, force: true });
    } else renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
