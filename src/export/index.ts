/**
 * Exporters to graph databases: pure functions `ExportInput → ExportFiles`, plus the one
 * function that touches the disk.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { exportGraphml } from './graphml.js';
import { exportNeo4j } from './neo4j.js';
import { exportOpenGraph } from './opengraph.js';
import type { ExportFiles, ExportInput } from './types.js';

export type { ConnectGroup, ExportFiles, ExportInput } from './types.js';

export type Exporter = (input: ExportInput) => ExportFiles;

/** Every export format by name: `Object.keys(EXPORT_FORMATS)` (or `EXPORT_FORMAT_NAMES`) are the yargs `choices`. */
export const EXPORT_FORMATS = {
  neo4j: { describe: 'neo4j-admin database import CSVs, load.cypher, README.txt', exporter: exportNeo4j },
  opengraph: { describe: 'BloodHound CE OpenGraph JSON (opengraph.json)', exporter: exportOpenGraph },
  graphml: { describe: 'GraphML (graph.graphml)', exporter: exportGraphml },
} as const satisfies Record<string, { describe: string; exporter: Exporter }>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];

/** Creates `dir` (and parents) and writes every file into it; names must stay inside `dir`. */
export async function writeExport(files: ExportFiles, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of files) {
    const rel = normalize(name);
    if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) throw new Error(`lateral export: file name "${name}" leaves the output folder`);
    const path = join(dir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, 'utf8');
  }
}
