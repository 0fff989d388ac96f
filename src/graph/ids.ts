import { UsageError } from '../model/errors.js';
import type { LateralGraph } from './types.js';
import { closest } from '../model/closest.js';

/**
 * Resolves what a user typed to a node id: the exact id, a mesh identity for its service
 * account, else the one node whose name is that (`ci-deployer` for `identity:ci-deployer`). Unknown or ambiguous is a usage error
 * that lists close candidates.
 */
export function resolveNode(graph: LateralGraph, ref: string): string {
  if (graph.hasNode(ref)) return ref;
  // A mesh identity names its service account: spiffe://<td>/ns/<ns>/sa/<name> or the Istio
  // principal <td>/ns/<ns>/sa/<name>.
  const mesh = ref.match(/^(?:spiffe:\/\/)?[^/]+\/ns\/([^/]+)\/sa\/([^/]+)$/);
  if (mesh && graph.hasNode(`system:serviceaccount:${mesh[1]}:${mesh[2]}`)) return `system:serviceaccount:${mesh[1]}:${mesh[2]}`;
  const byName = graph.filterNodes((_, a) => a.name === ref);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new UsageError(`"${ref}" is ambiguous: ${byName.sort().join(', ')}`);
  const close = suggestions(graph, ref);
  throw new UsageError(`unknown node "${ref}"${close.length ? `; did you mean ${close.join(', ')}?` : ''} (\`lateral nodes <inputs..>\` lists every id)`);
}

/**
 * Ids a user may have meant, nearest first: the same name elsewhere (`default/cart` for
 * `shop/cart`), an id containing what was typed or contained in it, then ids a few edits away.
 */
function suggestions(graph: LateralGraph, ref: string): string[] {
  const name = ref.split(/[/:]/).pop()!;
  const sameName = graph.filterNodes((_, a) => a.name === name).sort();
  const containing = graph.filterNodes((id) => id.includes(ref) || ref.includes(id)).sort();
  return [...new Set([...sameName, ...containing, ...closest(ref, graph.nodes())])].slice(0, 5);
}
