import type { CommandModule } from 'yargs';
import { load, printJson, withCommon, type CommonArgs } from './common.js';

export const graphCommand: CommandModule<object, CommonArgs> = {
  command: 'graph <inputs..>',
  describe: 'the reachability graph: nodes and edges with every attribute (--json), for other tools',
  builder: (y) =>
    withCommon(y)
      .example('$0 graph topologies/demo-shop --json > graph.json', 'export nodes and edges')
      .example('$0 graph cluster/', 'count nodes and edges by kind') as never,
  handler: (args) => {
    const { model, built } = load(args);
    const { graph } = built;
    if (args.json) {
      printJson({
        nodes: graph.mapNodes((id, attributes) => ({ id, ...attributes })),
        edges: graph.mapEdges((key, attributes, source, target) => ({ key, source, target, traversable: !attributes.decisions.some((d) => d.decision === 'deny'), ...attributes })),
        skipped: model.skipped,
      });
      return;
    }
    const count = (kinds: string[]) => Object.entries(kinds.reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {})).sort().map(([k, n]) => `${k} ${n}`).join(', ');
    process.stdout.write(`nodes: ${graph.order} (${count(graph.mapNodes((_, a) => a.kind))})\nedges: ${graph.size} (${count(graph.mapEdges((_, a) => a.kind))})\nskipped documents: ${model.skipped.length}\n`);
  },
};
