// Scale benchmark: for each size, a generated estate is timed phase by phase (parse, build,
// compact, estate, one scenario) and end to end (`simulate` with its three scenarios), each
// run in its own process so peak RSS is per run; the per-pair connect engine (the test
// oracle) is measured in the same run as the baseline, where it finishes. Medians of the
// runs go to stdout and docs/benchmarks.md, with the machine and the targets.
// Usage: npm run bench [-- --sizes 1000,2000 --runs 1 --timeout-s 300 --baseline-heap-mb 3500 --doc PATH]
//
// bench/aws-export.mjs, when it exists, is run as well: its last stdout line must be a JSON
// object whose `seconds` is the time to hold against the AWS export target.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultNamespaces } from '../dist/generate/plan.js';
import { writeEstate } from '../dist/generate/write.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = join(ROOT, 'bench', 'scale-child.mjs');
const CLI = join(ROOT, 'dist', 'cli.js');
const AWS_EXPORT = join(ROOT, 'bench', 'aws-export.mjs');
const DEFAULT_SIZES = '1000,2000,10000,30000,100000';
const PHASES = [
  ['parse', 'parse (loadModel)'],
  ['build', 'build (buildGraph)'],
  ['compact', 'compact'],
  ['estate', 'estate, every entry (analyzeEstate)'],
  ['scenario', 'one scenario, stolen-token (runScenarios on the built graph)'],
];

const { values: opt } = parseArgs({
  options: {
    sizes: { type: 'string', default: DEFAULT_SIZES },
    runs: { type: 'string', default: '3' },
    'timeout-s': { type: 'string', default: '300' },
    'baseline-heap-mb': { type: 'string', default: '3500' },
    doc: { type: 'string', default: join(ROOT, 'docs', 'benchmarks.md') },
  },
});
const whole = (name, text) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a whole number of at least 1, got "${text}"`);
  return n;
};
const sizes = opt.sizes.split(',').map((s) => whole('sizes', s.trim()));
const runs = whole('runs', opt.runs);
const timeoutMs = whole('timeout-s', opt['timeout-s']) * 1000;
const baselineHeapMb = whole('baseline-heap-mb', opt['baseline-heap-mb']);
const at = new Date().toISOString().slice(0, 10);

const began = performance.now();
const progress = (line) => process.stderr.write(`[${fmtS(performance.now() - began)}] ${line}\n`);

const fmtN = (n) => n.toLocaleString('en-US');
function fmtS(ms) {
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
const fmtMb = (mb) => (mb < 1024 ? `${mb.toFixed(0)} MB` : `${(mb / 1024).toFixed(2)} GB`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * One child process, killed at the timeout. Resolves with its fd-3 reports merged, its phase
 * times, its wall time, and why it failed if it did (OOM, timeout or the error's last line).
 */
function measure(args, { label, heapMb, okCodes = [0], captureStdout = false }) {
  return new Promise((done) => {
    progress(`${label}…`);
    const start = performance.now();
    const child = spawn(process.execPath, [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), CHILD, ...args], {
      cwd: ROOT,
      stdio: ['ignore', captureStdout ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const reports = [];
    let pending = '';
    let stderr = '';
    let stdout = '';
    let timedOut = false;
    child.stdio[3].on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const r = JSON.parse(line);
        if (r.start) progress(`${label}: ${r.start}…`);
        reports.push(r);
      }
    });
    // Only the tail is kept: enough to tell an OOM or an error, bounded on noisy runs.
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-8000)));
    if (captureStdout) child.stdout.on('data', (d) => (stdout += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - start;
      const phases = Object.fromEntries(reports.filter((r) => r.phase).map((r) => [r.phase, r.ms]));
      const result = { ...Object.assign({}, ...reports.filter((r) => !r.start && !r.phase)), phases, ms, stdout };
      if (!timedOut && okCodes.includes(code)) {
        progress(`${label}: ${fmtS(ms)}${result.maxRssMb ? `, peak RSS ${fmtMb(result.maxRssMb)}` : ''}`);
        return done(result);
      }
      const oom = /heap out of memory|Allocation failed/.test(stderr) || signal === 'SIGABRT';
      const why = timedOut ? 'timeout' : oom ? 'OOM' : `exit ${code ?? signal}: ${stderr.trim().split('\n').pop()}`;
      // A child that dies before its first phase is told in the first phase's cell.
      result.failure = { at: reports.findLast((r) => r.start)?.start ?? PHASES[0][0], text: `did not finish (${why} after ${fmtS(ms)})` };
      progress(`${label}: ${result.failure.text}`);
      done(result);
    });
  });
}

/** `runs` runs of one measurement; stops at the first failure, whose partial phases are kept. */
async function series(label, args, options) {
  const done = [];
  for (let i = 1; i <= runs; i++) {
    const r = await measure(args, { ...options, label: `${label} run ${i}/${runs}` });
    done.push(r);
    if (r.failure) return { runs: done, failure: r.failure };
  }
  return { runs: done };
}

const skipped = (why) => ({ runs: [], skipped: why });
const medianOf = (s, f) => {
  const xs = s.runs.map(f).filter((x) => x !== undefined);
  return xs.length ? median(xs) : undefined;
};

const tmp = mkdtempSync(join(os.tmpdir(), 'lateral-bench-'));
process.on('SIGINT', () => {
  rmSync(tmp, { recursive: true, force: true });
  process.exit(130);
});

// Once a measurement fails at a size, larger sizes would only burn the timeout again.
const failedAt = {};
const gate = (key, size, s) => {
  if (s.failure) failedAt[key] ??= size;
  return s;
};
const rows = [];
try {
  for (const size of sizes) {
    const dir = join(tmp, String(size));
    const tag = `[${fmtN(size)}]`;
    progress(`${tag} generating the estate`);
    const stats = writeEstate({ workloads: size, namespaces: defaultNamespaces(size), seed: 1, out: dir });
    const row = { size, stats };
    const earlier = (key) => failedAt[key] && `not run (did not finish at ${fmtN(failedAt[key])})`;

    row.classes = earlier('classes') ? skipped(earlier('classes')) : gate('classes', size, await series(`${tag} class engine`, ['phases', dir, at, 'classes'], {}));
    // Both take longer than the phases of the class engine: no point when those did not finish.
    const blocked = row.classes.runs.length === 0 || row.classes.failure ? 'not run (the class engine did not finish)' : undefined;
    const simulate = ['run', CLI, 'simulate', join(dir, 'k8s'), join(dir, 'aws'), '-s', join(dir, 'scenarios'), '--json', '--at', at];
    // Exit 1 is a scenario expectation failing: a result, not a crash.
    row.e2e = blocked ? skipped(blocked) : earlier('e2e') ? skipped(earlier('e2e')) : gate('e2e', size, await series(`${tag} simulate`, simulate, { okCodes: [0, 1] }));
    row.pairs =
      blocked ? skipped(blocked) : earlier('pairs') ? skipped(earlier('pairs')) : gate('pairs', size, await series(`${tag} per-pair baseline`, ['phases', dir, at, 'pairs'], { heapMb: baselineHeapMb }));
    rows.push(row);
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

let aws;
if (existsSync(AWS_EXPORT)) {
  aws = await series('AWS export', ['run', AWS_EXPORT], { captureStdout: true });
  for (const r of aws.runs) {
    const last = r.stdout.trim().split('\n').pop();
    r.seconds = parseJson(last)?.seconds;
    // A broken contract must not cost the sizes already measured: it is reported instead.
    if (!r.failure && typeof r.seconds !== 'number') aws.failure = { text: `unreadable output: the last stdout line, "${last}", has no JSON \`seconds\`` };
  }
}

// ---- the report ----

/** A cell of one series: the median of a phase, or where and how it failed. */
function cell(s, phase) {
  if (s.skipped) return phase === PHASES[0][0] ? s.skipped : '—';
  if (s.failure?.at === phase) return s.failure.text;
  const ms = medianOf(s, (r) => r.phases[phase]);
  return ms === undefined ? '—' : fmtS(ms);
}
const complete = (s) => !s.skipped && !s.failure;
const total = (s) => (complete(s) ? medianOf(s, (r) => PHASES.reduce((sum, [p]) => sum + r.phases[p], 0)) : undefined);
const rss = (s) => (complete(s) ? medianOf(s, (r) => r.maxRssMb) : undefined);
const wall = (s) => (complete(s) ? medianOf(s, (r) => r.ms) : undefined);
const ratio = (base, ours) => (base !== undefined && ours !== undefined ? `${(base / ours).toFixed(1)}×` : '—');
const failureOf = (s) => s.skipped ?? s.failure?.text ?? '—';
/** The failure is told once, in the phase's own cell: the rows that add phases up are left blank. */
const orDash = (value, f) => (value === undefined ? '—' : f(value));

const table = ['| workloads | measure | class engine (today) | per-pair baseline | baseline / class |', '|---:|---|---:|---:|---:|'];
const notes = [];
const mismatches = [];
for (const row of rows) {
  const { classes, pairs, e2e } = row;
  const first = (s) => s.runs.find((r) => r.answer);
  const lines = [
    ...PHASES.map(([p, label]) => [label, cell(classes, p), cell(pairs, p), ratio(medianOf(pairs, (r) => r.phases[p]), medianOf(classes, (r) => r.phases[p]))]),
    ['phases in total', orDash(total(classes), fmtS), orDash(total(pairs), fmtS), ratio(total(pairs), total(classes))],
    ['peak RSS of the phases', orDash(rss(classes), fmtMb), orDash(rss(pairs), fmtMb), ratio(rss(pairs), rss(classes))],
    ['`simulate`, 3 scenarios, end to end', wall(e2e) === undefined ? failureOf(e2e) : fmtS(wall(e2e)), 'n/a (no per-pair `simulate`)', '—'],
    ['peak RSS of `simulate`', orDash(rss(e2e), fmtMb), 'n/a', '—'],
  ];
  lines.forEach(([label, a, b, r], i) => table.push(`| ${i === 0 ? fmtN(row.size) : ''} | ${label} | ${a} | ${b} | ${r} |`));
  const info = first(classes) ?? first(pairs);
  const { stats } = row;
  notes.push(
    `- ${fmtN(row.size)} workloads: ${stats.namespaces} namespaces, ${fmtN(stats.documents)} documents, ${(stats.bytes / 1e6).toFixed(1)} MB, ` +
      `${fmtN(stats.awsRoles)} IAM roles and ${fmtN(stats.awsUsers)} users` +
      (info ? `; graph of ${fmtN(info.nodes)} nodes and ${fmtN(info.edges)} edges counted per pair` : ''),
  );
  const [ours, oracle] = [first(classes), first(pairs)];
  if (ours && oracle) {
    const same = JSON.stringify(ours.answer) === JSON.stringify(oracle.answer);
    notes.push(`  - per-pair oracle ${same ? 'agrees' : '**disagrees**'}: ${JSON.stringify(ours.answer)}${same ? '' : ` against ${JSON.stringify(oracle.answer)}`}`);
    if (!same) mismatches.push(row.size);
  }
}

const bySize = new Map(rows.map((r) => [r.size, r]));
function e2eTarget(size, maxS, maxGb) {
  const head = `${fmtN(size)} workloads, \`simulate\` with three scenarios: ≤ ${maxS} s and ≤ ${maxGb} GB peak RSS`;
  const row = bySize.get(size);
  if (!row) return `${head} — not measured in this run`;
  const s = wall(row.e2e);
  if (s === undefined) return `${head} — **missed**: ${failureOf(row.e2e)}`;
  const mb = rss(row.e2e);
  const met = s <= maxS * 1000 && mb <= maxGb * 1024;
  return `${head} — ${met ? 'met' : '**missed**'}: ${fmtS(s)} (${(s / 1000 / maxS).toFixed(2)}× the limit), ${fmtMb(mb)} (${(mb / 1024 / maxGb).toFixed(2)}× the limit)`;
}
function scalingTarget() {
  const head = '10,000 workloads cost ≤ 6× what 2,000 cost (`simulate`, time and peak RSS)';
  const [small, big] = [bySize.get(2000), bySize.get(10000)];
  if (!small || !big) return `${head} — not measured in this run`;
  for (const r of [small, big]) if (wall(r.e2e) === undefined) return `${head} — **missed**: ${fmtN(r.size)} ${failureOf(r.e2e)}`;
  const [t, m] = [wall(big.e2e) / wall(small.e2e), rss(big.e2e) / rss(small.e2e)];
  return `${head} — ${t <= 6 && m <= 6 ? 'met' : '**missed**'}: time ${t.toFixed(1)}×, peak RSS ${m.toFixed(1)}×`;
}
function awsTarget() {
  const head = 'AWS export of 5,000 roles and 1,000 users: ≤ 10 s';
  if (!aws) return `${head} — not measured: \`bench/aws-export.mjs\` does not exist yet`;
  if (aws.failure) return `${head} — **missed**: ${aws.failure.text}`;
  const s = median(aws.runs.map((r) => r.seconds));
  return `${head} — ${s <= 10 ? 'met' : '**missed**'}: ${s.toFixed(2)} s (${(s / 10).toFixed(2)}× the limit), peak RSS ${fmtMb(median(aws.runs.map((r) => r.maxRssMb)))} (\`bench/aws-export.mjs\`)`;
}

const cpus = os.cpus();
const args = process.argv.slice(2).join(' ');
const command = `npm run bench${args ? ` -- ${args}` : ''}`;
const partial = runs < 3 || opt.sizes !== DEFAULT_SIZES;
const targets = [e2eTarget(10000, 5, 1), e2eTarget(100000, 60, 4), scalingTarget(), awsTarget()].map((t) => `- ${t}`).join('\n');
const doc = `# Benchmarks

Written by \`${command}\` (bench/scale.mjs) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; do not edit by hand.
${partial ? `\n**Quick run** (${sizes.map(fmtN).join(', ')} workloads, ${runs} run${runs === 1 ? '' : 's'} each), not the full benchmark; \`npm run bench\` regenerates this file with every size and 3 runs.\n` : ''}
Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM; Node ${process.version}; ${os.type()} ${os.release()} ${os.arch()}; load average ${os.loadavg()[0].toFixed(2)} when the run started.

Each cell is the median of ${runs} run${runs === 1 ? '' : 's'}, each in its own process (peak RSS is that process's). The estates are \`lateral generate --workloads N\` (seed 1); the phases read \`k8s/\` and \`aws/\`. The class engine is today's (connect hops by endpoint class); the per-pair baseline builds one connect edge per (workload, workload, port), as \`buildGraph({ expandConnect: true })\`, the test oracle, capped at ${fmtN(baselineHeapMb)} MB of heap. Every process is killed after ${timeoutMs / 1000} s; a measurement that fails at one size is not run at larger ones.

${table.join('\n')}

${notes.join('\n')}

## Targets

${targets}

## How to reproduce

\`\`\`sh
npm ci
npm run bench                                   # every size, 3 runs (100,000 workloads take several minutes a run)
npm run bench -- --sizes 1000,2000 --runs 1     # a quick look
\`\`\`

Options: \`--sizes\` (comma-separated workload counts), \`--runs\`, \`--timeout-s\` (per process),
\`--baseline-heap-mb\` (the per-pair engine's heap cap), \`--doc\` (where to write this file).
Progress goes to stderr; the table to stdout and here. \`npm run bench:reach\` and
\`npm run bench:parse\` are the engine and parser microbenchmarks.
`;

mkdirSync(dirname(resolve(opt.doc)), { recursive: true });
writeFileSync(opt.doc, doc);
process.stdout.write(`${table.join('\n')}\n\n${notes.join('\n')}\n\n${targets}\n`);
progress(`wrote ${relative(process.cwd(), resolve(opt.doc))}`);
if (mismatches.length) {
  process.stderr.write(`the per-pair oracle disagrees with the class engine at ${mismatches.map(fmtN).join(', ')} workloads\n`);
  process.exitCode = 1;
}
