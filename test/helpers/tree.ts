/** Temporary input trees for tests that walk directories; `removeTrees` in an afterEach cleans up. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const dirs: string[] = [];

/** A temporary directory holding `files` (paths relative to it, folders made as needed). */
export function tree(files: Record<string, string>, prefix = 'lateral-inputs-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export function removeTrees(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export const serviceAccountJson = (ns: string, name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { namespace: ns, name } });
