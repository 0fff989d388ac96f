import type { CompactGraph } from './compact.js';

/**
 * Nodes reachable from `sources` over edges whose mask is 1, never entering a node in
 * `removed` (quarantined or revoked). Sources are reached themselves.
 */
export function reachFrom(g: CompactGraph, sources: readonly number[], mask: Uint8Array, removed?: Uint8Array): Uint8Array {
  const n = g.ids.length;
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (const s of sources) {
    if (seen[s] || removed?.[s]) continue;
    seen[s] = 1;
    stack[top++] = s;
  }
  while (top > 0) {
    const u = stack[--top]!;
    for (let e = g.offsets[u]!, end = g.offsets[u + 1]!; e < end; e++) {
      if (!mask[e]) continue;
      const v = g.targets[e]!;
      if (seen[v] || removed?.[v]) continue;
      seen[v] = 1;
      stack[top++] = v;
    }
  }
  return seen;
}
