// Kubernetes rule benchmark: each k8s rule's find, median of 3, on an estate directory
// (with k8s/ and aws/ inside, as `generate` writes) or on one generated for the run.
// Usage: npm run build && node bench/k8s-rbac.mjs DIR | --workloads N [--seed S]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEstate } from '../dist/generate/write.js';
import { defaultNamespaces } from '../dist/generate/plan.js';
import { loadModel } from '../dist/ingest/index.js';
import { PolicyContext } from '../dist/policy/context.js';
import { RULES } from '../dist/rules/index.js';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const workloads = option('--workloads');
let dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
let scratch;
if (!dir) {
  if (!workloads) {
    console.error('usage: node bench/k8s-rbac.mjs DIR | --workloads N [--seed S]');
    process.exit(2);
  }
  dir = scratch = mkdtempSync(join(tmpdir(), 'lateral-bench-'));
  writeEstate({ workloads, namespaces: defaultNamespaces(workloads), seed: option('--seed') ?? 1, out: dir });
}

const t0 = performance.now();
const model = loadModel([join(dir, 'k8s'), join(dir, 'aws')]);
console.log(`${dir}: ${model.workloads.length} workloads, ${model.identities.length} identities, ${model.k8s.bindings.length} bindings (loaded in ${(performance.now() - t0).toFixed(0)} ms)`);

let total = 0;
for (const rule of RULES.filter((r) => r.id.startsWith('k8s-'))) {
  const times = [];
  let findings = 0;
  for (let run = 0; run < 3; run++) {
    // A fresh context per run: the rule pays for the RBAC index it builds, as in a real run.
    const ctx = new PolicyContext(model, { at: '2026-12-02' });
    const start = performance.now();
    findings = rule.find(model, ctx).length;
    times.push(performance.now() - start);
  }
  const median = times.sort((a, b) => a - b)[1];
  total += median;
  console.log(`${rule.id.padEnd(22)} ${median.toFixed(1).padStart(9)} ms  ${String(findings).padStart(8)} findings`);
}
console.log(`${'total'.padEnd(22)} ${total.toFixed(1).padStart(9)} ms`);
if (scratch) rmSync(scratch, { recursive: true, force: true });
