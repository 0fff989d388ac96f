import type { CompactGraph } from './compact.js';

export interface Components {
  /** component of each node */
  comp: Int32Array;
  count: number;
}

/**
 * Strongly connected components over masked edges (iterative Tarjan, no recursion, so deep
 * chains cannot overflow the stack). Components are numbered in the order Tarjan completes
 * them: every edge between components goes from a higher number to a lower one.
 */
export function stronglyConnected(g: CompactGraph, mask: Uint8Array): Components {
  const n = g.ids.length;
  const comp = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const num = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (num[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = g.offsets[root]!;
    num[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const u = callNode[depth]!;
      const end = g.offsets[u + 1]!;
      let e = callEdge[depth]!;
      let descended = false;
      for (; e < end; e++) {
        if (!mask[e]) continue;
        const v = g.targets[e]!;
        if (num[v] === -1) {
          callEdge[depth] = e + 1;
          depth++;
          callNode[depth] = v;
          callEdge[depth] = g.offsets[v]!;
          num[v] = low[v] = counter++;
          stack[sp++] = v;
          onStack[v] = 1;
          descended = true;
          break;
        }
        if (onStack[v] && num[v]! < low[u]!) low[u] = num[v]!;
      }
      if (descended) continue;
      if (low[u] === num[u]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== u);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[u]! < low[parent]!) low[parent] = low[u]!;
      }
    }
  }
  return { comp, count };
}
