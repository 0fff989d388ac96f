// Engine benchmark: all-entries reachability to tiered targets by SCC condensation and
// bitsets (what `simulate` uses for the estate) against one BFS per entry, on a synthetic
// graph, measured in the same run. Usage: npm run bench:reach [-- nodes edgesPerNode targets]
import graphology from 'graphology';
import { compact } from '../dist/engine/compact.js';
import { reachAllTargets } from '../dist/engine/reach-all.js';
import { reachFrom } from '../dist/engine/reach.js';

const [nodes = 20000, perNode = 8, targets = 500] = process.argv.slice(2).map(Number);
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const graph = new graphology.MultiDirectedGraph();
for (let i = 0; i < nodes; i++) graph.addNode(`n${i}`, { kind: 'identity', name: `n${i}`, type: 'x', ...(i < targets ? { tier: 0 } : {}) });
let e = 0;
for (let i = 0; i < nodes; i++) {
  for (let k = 0; k < perNode; k++) {
    const j = Math.floor(rand() * nodes);
    graph.addDirectedEdgeWithKey(`e${e++}`, `n${i}`, `n${j}`, { kind: 'assume', rule: 'assume', technique: 'T', reason: '', cost: 1, decisions: [{ layer: 'identity', decision: rand() < 0.6 ? 'allow' : 'deny', policy: 'p', reason: '' }] });
  }
}
const t0 = performance.now();
const g = compact(graph);
const t1 = performance.now();
const bits = Array.from({ length: targets }, (_, i) => [i, i]);
const all = reachAllTargets(g, g.enforced, bits, targets);
let fastPairs = 0;
for (let v = 0; v < g.n; v++) fastPairs += all.count(v);
const t2 = performance.now();
// The naive baseline on a sample of entries, extrapolated to all of them.
const sample = Math.min(200, g.n);
let naivePairs = 0;
for (let v = 0; v < sample; v++) {
  const r = reachFrom(g, [v], g.enforced);
  for (let t = 0; t < targets; t++) if (r[t]) naivePairs++;
}
const t3 = performance.now();
const naiveAll = ((t3 - t2) / sample) * g.n;
let check = 0;
for (let v = 0; v < sample; v++) check += all.count(v);
console.log(`graph: ${nodes} nodes, ${e} edges, ${targets} tier-0 targets`);
console.log(`compact adjacency: ${(t1 - t0).toFixed(0)} ms`);
console.log(`all entries, SCC + bitsets: ${(t2 - t1).toFixed(0)} ms (${fastPairs} entry→target pairs)`);
console.log(`one BFS per entry: ${naiveAll.toFixed(0)} ms (extrapolated from ${sample} entries)`);
console.log(`speed-up: ${(naiveAll / (t2 - t1)).toFixed(1)}×`);
if (check !== naivePairs) {
  console.error(`mismatch on the sample: ${check} vs ${naivePairs}`);
  process.exit(1);
}
