/**
 * Exporters to graph databases: pure functions `ExportInput → ExportFiles`, plus the one
 * function that touches the disk.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { exportGraphml } from './graphml.js';
import { exportNeo4j, isNeo4jFile } from './neo4j.js';
import { exportOpenGraph } from './opengraph.js';
import type { ExportFiles, ExportInput } from './types.js';

export type { ConnectGroup, ExportFiles, ExportInput } from './types.js';

export type Exporter = (input: ExportInput) => ExportFiles;

/** Every export format by name: `Object.keys(EXPORT_FORMATS)` (or `EXPORT_FORMAT_NAMES`) are the yargs `choices`. */
export const EXPORT_FORMATS = {
  neo4j: { describe: 'neo4j-admin database import CSVs, load.cypher, README.txt', exporter: exportNeo4j, owns: isNeo4jFile },
  opengraph: { describe: 'BloodHound CE OpenGraph JSON (opengraph.json)', exporter: exportOpenGraph, owns: (name: string) => name === 'opengraph.json' },
  graphml: { describe: 'GraphML (graph.graphml)', exporter: exportGraphml, owns: (name: string) => name === 'graph.graphml' },
} as const satisfies Record<string, { describe: string; exporter: Exporter; owns: (name: string) => boolean }>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];

/** Creates `dir` (and parents) and writes every file into it; names must stay inside `dir`. */
export async function writeExport(files: ExportFiles, dir: string, onFile?: (name: string, done: number, total: number) => void): Promise<void> {
  await mkdir(dir, { recursive: true });
  let done = 0;
  for (const [name, content] of files) {
    onFile?.(name, done++, files.size);
    const rel = normalize(name);
    if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) throw new Error(`lateral export: file name "${name}" leaves the output folder`);
    const path = join(dir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, 'utf8');
  }
}
