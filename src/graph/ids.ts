import { UsageError } from '../model/errors.js';
import type { LateralGraph } from './types.js';

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
  const close = graph.filterNodes((id) => id.includes(ref) || ref.includes(id)).sort().slice(0, 5);
  throw new UsageError(`unknown node "${ref}"${close.length ? `; did you mean ${close.join(', ')}?` : ''}`);
}
