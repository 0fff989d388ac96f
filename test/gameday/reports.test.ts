/**
 * The committed example game days (reports/2026-Q2, and 2026-Q3 against it) are what the
 * built CLI writes today from the demo topology: regenerated and compared file by file, so
 * they stay current. The HTML is self-contained and, where Debian's chromium is installed,
 * renders offline with the picture, every scenario and the scorecard.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lateral } from '../helpers/cli.js';
import { validateOutput } from '../helpers/schemas.js';

const tmp = mkdtempSync(join(tmpdir(), 'lateral-gameday-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const DEMO = ['topologies/demo-shop', '-s', 'scenarios/demo-shop'];
const FILES = ['report.json', 'report.md', 'report.html'];

describe('gameday example reports', () => {
  const q2 = join(tmp, 'q2');
  const q3 = join(tmp, 'q3');

  it('regenerates reports/2026-Q2 (the legacy exception still open: 2 of 4 scenarios fail, exit 1) byte for byte', () => {
    const r = lateral('gameday', ...DEMO, '--at', '2026-05-15', '--out', q2);
    expect([r.code, r.stdout.trim()]).toEqual([1, `lateral gameday - 2 of 4 scenarios met their expectations; wrote ${q2}/report.json, report.md, report.html`]);
    for (const f of FILES) expect(readFileSync(join(q2, f), 'utf8'), f).toBe(readFileSync(join('reports/2026-Q2', f), 'utf8'));
  });

  it('regenerates reports/2026-Q3 against it, with trends, byte for byte', () => {
    const r = lateral('gameday', ...DEMO, '--at', '2026-08-31', '--previous', 'reports/2026-Q2', '--out', q3);
    expect(r.code).toBe(0);
    for (const f of FILES) expect(readFileSync(join(q3, f), 'utf8'), f).toBe(readFileSync(join('reports/2026-Q3', f), 'utf8'));
    for (const dir of [q2, q3]) validateOutput(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as object);
    const report = JSON.parse(readFileSync(join(q3, 'report.json'), 'utf8')) as { scorecard: { id: string; previous: number; value: number; trend: string }[] };
    expect(report.scorecard.filter((f) => f.trend !== 'same').map((f) => `${f.id} ${f.previous} -> ${f.value} ${f.trend}`)).toEqual(['blast-radius 29 -> 19 better', 'tier0-reached 2 -> 0 better', 'lateral-movement-resistance 48.4 -> 55.6 better']);
  });

  it('--suggest prints the minimum cut: on the k8s demo, four changes, the deployer\'s binding first', () => {
    const r = lateral('gameday', 'topologies/k8s-demo', '-s', 'scenarios/k8s-demo', '--at', '2026-12-04', '--out', join(tmp, 'k8s'), '--suggest');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[1]).toBe('minimum cut: 4 changes disconnect every entry from every crown jewel (11 pairs today):');
    expect(lines[2]).toMatch(/^  rbac payments\/deployer-releases-payments  \(closes 7 alone;/);
    const report = JSON.parse(readFileSync(join(tmp, 'k8s', 'report.json'), 'utf8')) as { scenarios: { name: string; playbook?: { action: string; cutOff: string[] }[]; playbookContainment?: unknown }[]; scorecard: { id: string; value: number | null }[] };
    const playbook = report.scenarios.find((s) => s.name === 'k8s-stolen-frontend-token')!;
    expect(playbook.playbook?.map((a) => `${a.action} ${a.cutOff.length}`)).toEqual(['rotate 0', 'revoke 5', 'revoke 0']);
    expect(playbook.playbookContainment).toEqual({ contained: true, at: 15, timeToContain: 0 });
    expect(report.scorecard.filter((f) => f.id === 'containment-time' || f.id === 'mean-time-to-revoke').map((f) => f.value)).toEqual([0, 15]);
  });

  it('refuses to write into an existing report folder without --force', () => {
    const r = lateral('gameday', ...DEMO, '--at', '2026-08-31', '--out', 'reports/2026-Q3');
    expect([r.code, r.stderr.trim()]).toEqual([2, 'lateral: reports/2026-Q3 exists: a game day\'s report is kept; pass --force to replace it, or --out another folder']);
  });

  it('report.html loads nothing from elsewhere: no script, no external stylesheet, font or image', () => {
    const html = readFileSync('reports/2026-Q3/report.html', 'utf8');
    expect(html).not.toMatch(/<script|<link|@import|url\((?!#)|src=/i);
    expect(html).toContain('<svg class="attack-picture"');
  });

  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  it.skipIf(!chromium)('renders offline in headless Chromium with the picture, every scenario and the scorecard (skipped: install Debian chromium to run it)', () => {
    const r = spawnSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', '--proxy-server=127.0.0.1:9', '--host-resolver-rules=MAP * ~NOTFOUND', '--dump-dom', `file://${join(process.cwd(), 'reports/2026-Q3/report.html')}`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('class="attack-picture"');
    for (const name of ['compromised-frontend', 'poisoned-shop-pipeline', 'rogue-pod-in-storefront', 'stolen-ci-key']) expect(r.stdout).toContain(`id="scenario-${name}"`);
    expect(r.stdout).toContain('id="scorecard"');
    expect(r.stdout).toContain('Lateral-movement resistance');
  });
});
