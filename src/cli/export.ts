import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, writeExport, type ExportFormat } from '../export/index.js';
import { exportInput } from '../export/input.js';
import type { ExportInput } from '../export/types.js';
import { importCommand } from '../export/neo4j.js';
import { UsageError } from '../model/errors.js';
import { article } from '../model/words.js';
import { loadBuilt, printJson, withCommon, type CommonArgs } from './common.js';

interface Args extends CommonArgs {
  format: ExportFormat;
  out: string;
  force: boolean;
  'denied-connect': boolean;
}

const HELP = `Formats, and the files they write into --out DIR:
  neo4j      for neo4j-admin database import full (Neo4j 5+), an offline bulk import into a new
             database: nodes_<kind>.csv, rels_<type>.csv, load.cypher (constraints, indexes,
             example queries) and README.txt (the import command, also printed when done).
  opengraph  for BloodHound CE 8.0+ (OpenGraph): opengraph.json, one payload for its file
             upload; node and edge kinds are prefixed Lateral_.
  graphml    for Gephi, yEd, Cytoscape, NetworkX, graphology: graph.graphml.

Network hops travel grouped by endpoint class: per destination class, port and verdict, one
connect edge from a source-class node (the workloads that get that verdict there) to a
destination-class node, each with in-class/has-member edges to its workloads. So the files grow
with the workloads and policies, not with their square. Only the hops no enforcing layer
denies are written, unless --denied-connect.
Files written and their sizes go to stderr (--json: on stdout as well).

Exit codes: 0 ok · 2 bad input or usage (e.g. a non-empty --out without --force) · 3 internal error.`;

export const exportCommand: CommandModule<object, Args> = {
  command: 'export <inputs..>',
  describe: 'write the graph for a graph database or tool: Neo4j import CSVs, BloodHound CE OpenGraph JSON or GraphML',
  builder: (y) =>
    withCommon(y)
      .option('format', { describe: 'what to write', choices: EXPORT_FORMAT_NAMES, demandOption: true })
      .option('out', { alias: 'o', describe: 'directory to write into, created if missing; must be empty unless --force', type: 'string', demandOption: true })
      .option('force', { describe: 'write into a non-empty --out, replacing the files an export of this format writes (stale ones included); other files stay', type: 'boolean', default: false })
      .option('denied-connect', { describe: 'also export the network hops an enforcing layer denies (traversable false): their sources are mostly "every other workload", so this grows with the square of the workloads; for small inputs', type: 'boolean', default: false })
      .example('$0 export topologies/demo-shop --format neo4j --out graph-neo4j', 'CSVs for neo4j-admin; the import command is printed')
      .example('$0 export k8s/ iam.json --format opengraph --out bh', 'opengraph.json for BloodHound CE')
      .example('$0 export k8s/ --format graphml --out gml --force', 'graph.graphml, replacing an earlier one')
      .hide('pivot') // only the walk uses them; the export writes every decision as it is
      .hide('strict-conditions')
      .epilogue(HELP) as never,
  handler: async (args) => {
    const { owns, exporter } = EXPORT_FORMATS[args.format];
    // Checked before loading, which may take minutes on a large estate.
    const stale = staleFiles(args.out, args.force, args.format, owns);
    const { built, warnings } = await loadBuilt(args);
    const tty = process.stderr.isTTY;
    const input = exportInput(built, { deniedConnect: args['denied-connect'] });
    if (tty) process.stderr.write(`exporting ${input.nodes.length} nodes, ${input.edges.length} edges and ${input.connect.length} connect groups as ${args.format}…`);
    const files = exporter(input);
    for (const name of stale) rmSync(join(args.out, name), { force: true });
    await writeExport(files, args.out, tty ? (name, done, total) => process.stderr.write(`\r\x1b[Kwriting ${done + 1}/${total} ${name}`) : undefined);
    if (tty) process.stderr.write('\r\x1b[K');

    const sizes = [...files].map(([name, content]) => ({ name, bytes: Buffer.byteLength(content, 'utf8') }));
    const total = sizes.reduce((n, f) => n + f.bytes, 0);
    const width = Math.max(...sizes.map((f) => f.name.length));
    process.stderr.write(
      `wrote ${args.out} (${args.format}, ${humanBytes(total)}): ${input.nodes.length} nodes, ${input.edges.length} edges, ${input.connect.length} connect groups\n` +
        sizes.map((f) => `  ${f.name.padEnd(width)}  ${humanBytes(f.bytes).padStart(8)}\n`).join('') +
        (args.format === 'neo4j' ? `import (Neo4j 5 or later, into a database that does not exist yet; README.txt has the details):\n  cd ${shellWord(args.out)}\n  ${importCommand(files)}\n  cypher-shell -d neo4j -f load.cypher\n` : ''),
    );
    if (args.json) printJson('export', exportSummary(args.format, args.out, input, sizes), warnings);
  },
};

export interface ExportSummary {
  /** the format written: neo4j, opengraph, graphml */
  exportFormat: ExportFormat;
  out: string;
  nodes: number;
  edges: number;
  connectGroups: number;
  files: { name: string; bytes: number }[];
}

/** What `export --json` answers (with `format` and warnings). */
export function exportSummary(format: ExportFormat, out: string, input: Pick<ExportInput, 'nodes' | 'edges' | 'connect'>, files: ExportSummary['files']): ExportSummary {
  return { exportFormat: format, out, nodes: input.nodes.length, edges: input.edges.length, connectGroups: input.connect.length, files };
}

/** The files of DIR that --force replaces; throws when DIR is unusable or non-empty without --force. */
function staleFiles(dir: string, force: boolean, format: ExportFormat, owns: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) throw new UsageError(`--out ${dir} exists and is not a directory`);
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.length === 0) return [];
  if (!force) throw new UsageError(`--out ${dir} exists and is not empty; choose another directory or pass --force to replace the files ${article(format)} export writes there`);
  return entries.filter((e) => e.isFile() && owns(e.name)).map((e) => e.name);
}

/** `s` as one POSIX shell word, quoted only when it needs to be. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

/** 812 B, 4.5 kB, 12.3 MB: decimal units, as `generate` reports its size. */
export function humanBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let u = 0;
  while (v >= 999.95 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}
