/** Loads YAML files written to a temporary directory, the way the CLI reads inputs. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, type LoadOptions } from '../../src/ingest/index.js';
import type { Model } from '../../src/model/model.js';

export function loadYaml(files: Record<string, string>, options: LoadOptions = {}): Model {
  const dir = mkdtempSync(join(tmpdir(), 'lateral-yaml-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return loadModel([dir], options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same, returning the problems rendered as the CLI prints them (file names relative to the temp dir). */
export function problemsOf(files: Record<string, string>, options: LoadOptions = {}): string[] {
  try {
    loadYaml(files, options);
    return [];
  } catch (err) {
    return String((err as Error).message)
      .split('\n')
      .map((l) => l.replace(/[^\s(]*lateral-yaml-[^/]+\//g, ''));
  }
}
