import type { CommandModule } from 'yargs';
import { UsageError } from '../model/errors.js';
import type { Model, Source } from '../model/model.js';
import { loadBuilt, printJson, printText, withCommon, type CommonArgs } from './common.js';

interface Args extends CommonArgs {
  kind?: string;
  tier?: number;
  match?: string;
}

/** One node as `nodes` lists it: what a user may name on every other command. */
export interface NodeRow {
  id: string;
  kind: string;
  type: string;
  namespace?: string;
  tier?: number;
  /** set when the tier is a default one: why the node has it */
  tierReason?: string;
  owner?: string;
  file?: string;
  line?: number;
  /** Terraform's resource address of the object, in the file. */
  address?: string;
}

export const nodesCommand: CommandModule<object, Args> = {
  command: 'nodes <inputs..>',
  describe: 'every node id (workloads, identities, secrets, resources, pipelines) with its kind, tier (and why, for a default one), owner and source file:line',
  builder: (y) =>
    withCommon(y)
      .option('kind', { describe: 'only nodes of this kind or type: workload, identity, secret, resource, pipeline, node, service-account, Deployment…', type: 'string' })
      .option('tier', { describe: 'only nodes of this tier (0 is a crown jewel)', type: 'number' })
      .option('match', { describe: 'only ids containing this text (case-insensitive)', type: 'string' })
      .example('$0 nodes topologies/demo-shop --kind workload', 'the workload ids to pass to explain --from')
      .example('$0 nodes topologies/demo-shop --tier 0', 'the crown jewels')
      .example('$0 nodes topologies/k8s-demo --match payments --json', 'as JSON') as never,
  handler: async (args) => {
    const { model, built, warnings } = await loadBuilt(args);
    const nodes = listNodes(model, built.graph.mapNodes((id, a) => ({ id, ...a })), args);
    if (args.json) printJson('nodes', { nodes }, warnings);
    else printText(renderNodes(nodes), { wrap: false });
  },
};

function listNodes(model: Model, all: readonly ({ id: string; kind: string; type?: string; namespace?: string; tier?: number; tierReason?: string; owner?: string })[], args: Args): NodeRow[] {
  if (args.tier !== undefined && !Number.isInteger(args.tier)) throw new UsageError(`--tier: expected a whole number, got ${args.tier}`);
  const sources = new Map<string, Source | undefined>([...model.workloads, ...model.identities, ...model.resources, ...model.pipelines].map((x) => [x.id, x.source]));
  const match = args.match?.toLowerCase();
  return all
    .filter((n) => args.kind === undefined || n.kind === args.kind || n.type === args.kind)
    .filter((n) => args.tier === undefined || n.tier === args.tier)
    .filter((n) => match === undefined || n.id.toLowerCase().includes(match))
    .map((n) => {
      const source = sources.get(n.id);
      const row: NodeRow = { id: n.id, kind: n.kind, type: n.type ?? n.kind };
      if (n.namespace !== undefined) row.namespace = n.namespace;
      if (n.tier !== undefined) row.tier = n.tier;
      if (n.tierReason !== undefined) row.tierReason = n.tierReason;
      if (n.owner !== undefined) row.owner = n.owner;
      if (source) {
        row.file = source.file;
        if (source.line !== undefined) row.line = source.line;
        if (source.address !== undefined) row.address = source.address;
      }
      return row;
    });
}

/** Aligned columns, ids first: they are what the user copies. */
function renderNodes(nodes: readonly NodeRow[]): string {
  if (nodes.length === 0) return 'no node matches\n';
  const why = nodes.some((n) => n.tierReason !== undefined);
  const rows = nodes.map((n) => [
    n.id,
    n.kind,
    n.type,
    n.tier === undefined ? '-' : `tier ${n.tier}${n.tierReason !== undefined ? ' (default)' : ''}`,
    n.owner ?? '-',
    n.file ? `${n.file}${n.line !== undefined ? `:${n.line}` : ''}${n.address !== undefined ? ` ${n.address}` : ''}` : '-',
    ...(why ? [n.tierReason ?? ''] : []),
  ]);
  const head = ['id', 'kind', 'type', 'tier', 'owner', 'source', ...(why ? ['why tier 0 by default'] : [])];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return `${[head, ...rows].map(line).join('\n')}\n${nodes.length} node${nodes.length === 1 ? '' : 's'}\n`;
}
