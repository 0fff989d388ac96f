import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, writeExport } from '../../src/export/index.js';
import { INPUT } from './helpers.js';

describe('export registry and writer', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('names the three formats, usable as yargs choices', () => {
    expect(EXPORT_FORMAT_NAMES).toEqual(['neo4j', 'opengraph', 'graphml']);
    expect(Object.keys(EXPORT_FORMATS)).toEqual(EXPORT_FORMAT_NAMES);
    for (const name of EXPORT_FORMAT_NAMES) expect(EXPORT_FORMATS[name].exporter(INPUT).size).toBeGreaterThan(0);
  });

  it('each format owns every file it writes and none of the others\'', () => {
    for (const name of EXPORT_FORMAT_NAMES)
      for (const other of EXPORT_FORMAT_NAMES)
        for (const file of EXPORT_FORMATS[other].exporter(INPUT).keys()) expect(EXPORT_FORMATS[name].owns(file), `${name} owns ${file}`).toBe(name === other);
    for (const name of EXPORT_FORMAT_NAMES) for (const foreign of ['notes.md', 'nodes.csv', 'graph.json', 'README.md']) expect(EXPORT_FORMATS[name].owns(foreign)).toBe(false);
    expect(EXPORT_FORMATS.neo4j.owns('rels_gone_kind.csv')).toBe(true);
  });

  it('class nodes are the same whether groups share member arrays or carry copies', () => {
    const shared = [...new Set(INPUT.connect[0]!.from)];
    const groups = INPUT.connect.map((g) => ({ ...g, from: shared }));
    const copied = groups.map((g) => ({ ...g, from: [...g.from].reverse() }));
    for (const name of EXPORT_FORMAT_NAMES) expect([...EXPORT_FORMATS[name].exporter({ ...INPUT, connect: groups })]).toEqual([...EXPORT_FORMATS[name].exporter({ ...INPUT, connect: copied })]);
    expect(() => EXPORT_FORMATS.neo4j.exporter({ ...INPUT, connect: [...groups, { ...groups[0]!, id: 'connect:x', to: ['nowhere'] }] })).toThrow(/unknown node "nowhere"/);
  });

  it('exports an empty graph', () => {
    for (const name of EXPORT_FORMAT_NAMES) expect(() => EXPORT_FORMATS[name].exporter({ nodes: [], edges: [], connect: [] })).not.toThrow();
  });

  it('refuses dangling references and duplicate ids', () => {
    const bad = [
      { ...INPUT, connect: [{ ...INPUT.connect[0]!, to: ['nowhere'] }] },
      { ...INPUT, edges: [...INPUT.edges, INPUT.edges[0]!] },
      { ...INPUT, nodes: [...INPUT.nodes, INPUT.nodes[0]!] },
    ];
    for (const input of bad) expect(() => EXPORT_FORMATS.neo4j.exporter(input)).toThrow(/lateral export/);
  });

  it('creates the folder and writes every file byte for byte', async () => {
    const base = await mkdtemp(join(tmpdir(), 'lateral-export-'));
    dirs.push(base);
    for (const name of EXPORT_FORMAT_NAMES) {
      const files = EXPORT_FORMATS[name].exporter(INPUT);
      const dir = join(base, 'nested', name);
      await writeExport(files, dir);
      expect((await readdir(dir)).sort()).toEqual([...files.keys()].sort());
      for (const [f, content] of files) expect(await readFile(join(dir, f), 'utf8')).toBe(content);
    }
  });

  it('refuses file names that leave the folder', async () => {
    const base = await mkdtemp(join(tmpdir(), 'lateral-export-'));
    dirs.push(base);
    await expect(writeExport(new Map([['../escape.txt', 'x']]), join(base, 'out'))).rejects.toThrow(/leaves the output folder/);
    await expect(writeExport(new Map([['/tmp/abs.txt', 'x']]), join(base, 'out'))).rejects.toThrow(/leaves the output folder/);
  });
});
