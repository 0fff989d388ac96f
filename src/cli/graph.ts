import type { CommandModule } from 'yargs';
import { buildGraph } from '../graph/build.js';
import { graphJson } from '../graph/json.js';
import { buildOptions, loadBuilt, printJson, withCommon, type CommonArgs } from './common.js';

interface Args extends CommonArgs {
  'expand-connect'?: boolean;
  'denied-connect'?: boolean;
}

export const graphCommand: CommandModule<object, Args> = {
  command: 'graph <inputs..>',
  describe: 'the reachability graph: nodes and edges with every attribute (--json, format lateral-graph/2), for other tools',
  builder: (y) =>
    withCommon(y)
      .option('expand-connect', { describe: 'list network hops as one edge per (workload, workload, port) instead of by endpoint class: grows with the square of the workloads, for small inputs', type: 'boolean', default: false })
      .option('denied-connect', { describe: 'also list the network hops an enforcing layer denies, with their decisions: mostly "every other workload", so they grow with the square of the classes', type: 'boolean', default: false })
      .example('$0 graph topologies/demo-shop --json > graph.json', 'export nodes, edges and connect groups')
      .example('$0 graph topologies/demo-shop --json --expand-connect', 'every network hop as its own edge')
      .example('$0 graph cluster/', 'count nodes and edges by kind') as never,
  handler: async (args) => {
    const { model, built, at, warnings } = await loadBuilt(args);
    if (args.json) {
      const shown = args['expand-connect'] ? buildGraph(model, { at, expandConnect: true, ...buildOptions(args) }) : built;
      printJson('graph', graphJson(shown, model.skipped, { deniedConnect: args['denied-connect'] ?? false }), warnings);
      return;
    }
    const { graph } = built;
    const kinds = graph.mapEdges((_, a) => a.kind);
    const counts = kinds.reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), built.connect?.pairs ? { connect: built.connect.pairs } : {});
    const count = (m: Record<string, number>) => Object.entries(m).sort().map(([k, n]) => `${k} ${n}`).join(', ');
    const nodes = graph.mapNodes((_, a) => a.kind).reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {});
    process.stdout.write(`nodes: ${graph.order} (${count(nodes)})\nedges: ${built.edges} (${count(counts)})\nskipped documents: ${model.skipped.length}\n`);
  },
};
