/** Runs the built CLI (dist/cli.js) as a user does; every `--json` it prints must validate against its schema. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { validateStdout } from './schemas.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function lateral(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, encoding: 'utf8' });
  validateStdout(args, r.stdout);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
