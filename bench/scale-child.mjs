// One measured process of bench/scale.mjs, so that peak RSS belongs to one run. Reports to
// fd 3, one JSON object a line, so that stdout and stderr stay the measured program's.
//   phases DIR AT ENGINE   times parse, build, compact, estate and the stolen-token scenario;
//                          ENGINE is "classes" (today's) or "pairs" (per-pair connect edges)
//   run SCRIPT ARGS…       runs a script (the CLI, bench/aws-export.mjs) as if it were main
import { writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const report = (o) => writeSync(3, `${JSON.stringify(o)}\n`);
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;
const [mode, ...rest] = process.argv.slice(2);

if (mode === 'run') {
  const [script, ...args] = rest;
  process.argv = [process.argv[0], resolve(script), ...args];
  process.on('exit', () => report({ maxRssMb: maxRssMb() }));
  await import(pathToFileURL(resolve(script)).href);
} else if (mode === 'phases') {
  const [dir, at, engine] = rest;
  const dist = new URL('../dist/', import.meta.url);
  const load = (m) => import(new URL(m, dist).href);
  const [{ loadModel }, { buildGraph }, { compact }, { analyzeEstate }, { loadScenarios }, { runScenarios }] = await Promise.all(
    ['ingest/index.js', 'graph/build.js', 'engine/compact.js', 'engine/estate.js', 'scenarios/load.js', 'scenarios/run.js'].map(load),
  );
  const expandConnect = engine === 'pairs';
  const phase = (name, f) => {
    report({ start: name });
    const t = performance.now();
    const value = f();
    report({ phase: name, ms: performance.now() - t });
    return value;
  };
  const model = phase('parse', () => loadModel([join(dir, 'k8s'), join(dir, 'aws')]));
  const built = phase('build', () => buildGraph(model, { at, expandConnect }));
  const g = phase('compact', () => compact(built.graph, {}, built.connect));
  const estate = phase('estate', () => analyzeEstate(built.graph, g));
  const scenarios = loadScenarios([join(dir, 'scenarios', 'stolen-token.yaml')]);
  const [s] = phase('scenario', () => runScenarios(model, scenarios, { at, expandConnect }, { graph: built.graph, g, findings: built.findings, connect: built.connect }));
  // What both engines must agree on: the oracle check.
  const answer = { entries: estate.entries, baselinePairs: estate.baselinePairs, reachablePairs: estate.reachablePairs, reached: s.reached.length, blocked: s.blocked.percent };
  report({ nodes: built.graph.order, edges: built.edges, answer, maxRssMb: maxRssMb() });
} else {
  throw new Error(`scale-child: unknown mode ${mode}`);
}
