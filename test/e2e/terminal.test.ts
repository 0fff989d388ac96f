/**
 * The built CLI on a real terminal (a pty from util-linux `script`): Unicode marks, colour
 * unless NO_COLOR, and every line within the terminal's 80 columns.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/cli.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

function onTerminal(command: string, env: Record<string, string | undefined> = {}) {
  const r = spawnSync('script', ['-qec', `node dist/cli.js ${command}`, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: undefined, ...env } });
  // A progress line is rewritten in place (\r, erase line): what stays on screen is its last state.
  const screen = r.stdout.split('\r\n').map((l) => l.slice(l.lastIndexOf('\r') + 1).replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''));
  return { code: r.status, raw: r.stdout, screen };
}

describe.skipIf(!hasScript)('on a terminal', () => {
  const command = 'simulate topologies/demo-shop -s scenarios/demo-shop --at 2026-06-01';

  it('draws Unicode marks in colour and wraps to 80 columns', () => {
    const r = onTerminal(command);
    expect(r.code).toBe(1); // stolen-ci-key fails its expectations on that date
    expect(r.screen).toContain('━━ compromised-frontend — compromised-workload from storefront/frontend');
    expect(r.raw).toContain('\x1b[32m✓\x1b[39m');
    expect(r.raw).toContain('\x1b[31m✗\x1b[39m');
    const wide = r.screen.filter((l) => [...l].length > 80);
    expect(wide).toEqual([]);
    // Wrapped, not cut: a long deny reason continues on the next line, under its bullet.
    const at = r.screen.findIndex((l) => /^ +· network +deny +default-deny:namespace payments/.test(l));
    expect(at).toBeGreaterThan(0);
    expect(r.screen[at + 1]).toMatch(/^ {11,}\S/);
  });

  it('has no colour under NO_COLOR, and the same words', () => {
    const r = onTerminal(command, { NO_COLOR: '1' });
    expect(r.raw).not.toMatch(/\x1b\[(1|22|3\d|39)m/);
    expect(r.screen).toEqual(onTerminal(command).screen);
  });
});
