// AWS IAM rule benchmark: an `aws iam get-account-authorization-details` export of 5,000
// roles and 1,000 users (src/generate/aws.ts at 25,000 workloads), loaded and run through
// every aws-* rule in RULES order on one PolicyContext, as `graph` does. Prints the load
// time, the check of its IAM actions against the service reference, each rule's `find` time
// and the total, median of the runs.
// Usage: npm run build && node bench/aws-export.mjs [workloads=25000] [runs=3]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsExport } from '../dist/generate/aws.js';
import { loadModel } from '../dist/ingest/index.js';
import { PolicyContext } from '../dist/policy/context.js';
import { RULES } from '../dist/rules/index.js';
import { unknownActions } from '../dist/policy/iam/unknown-actions.js';

const [workloads = 25000, runs = 3] = process.argv.slice(2).map(Number);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0).padStart(7)} ms`;

const exp = awsExport(1, workloads);
const dir = mkdtempSync(join(tmpdir(), 'lateral-aws-bench-'));
const file = join(dir, 'account.json');
writeFileSync(file, JSON.stringify(exp.json));

const rules = RULES.filter((r) => r.id.startsWith('aws-'));
const loads = [];
const checks = [];
const totals = [];
const perRule = new Map(rules.map((r) => [r.id, []]));
const findings = new Map();
let model;
for (let run = 0; run < runs; run++) {
  const t0 = performance.now();
  model = loadModel([file]);
  loads.push(performance.now() - t0);
  const t1 = performance.now();
  await unknownActions(model.aws);
  checks.push(performance.now() - t1);
  // A fresh context per run: the IAM engine and its indexes are built inside the first rule.
  const ctx = new PolicyContext(model, { at: '2026-12-02' });
  let total = 0;
  for (const rule of rules) {
    const t = performance.now();
    const found = rule.find(model, ctx);
    const dt = performance.now() - t;
    total += dt;
    perRule.get(rule.id).push(dt);
    findings.set(rule.id, found.length);
  }
  totals.push(total);
}
rmSync(dir, { recursive: true, force: true });

console.log(`export: ${exp.roles} roles, ${exp.users} users, ${model.aws.principals.length} principals; ${runs} runs, medians`);
console.log(`load            ${ms(median(loads))}`);
// The first check reads the reference's files; later runs in this process find them cached.
console.log(`iam actions     ${ms(checks[0])}  (first run; then ${ms(median(checks.slice(1).length ? checks.slice(1) : checks)).trim()})`);
const ranked = rules.map((r) => ({ id: r.id, t: median(perRule.get(r.id)) })).sort((a, b) => b.t - a.t);
for (const { id, t } of ranked.slice(0, 12)) console.log(`${id.padEnd(36)} ${ms(t)}  ${String(findings.get(id)).padStart(7)} findings`);
console.log(`aws rules total ${ms(median(totals))}  (${[...findings.values()].reduce((a, b) => a + b, 0)} findings)`);
// For bench/scale.mjs: the time held against the target (load, the first check and every rule).
console.log(JSON.stringify({ seconds: (median(loads) + checks[0] + median(totals)) / 1000 }));
