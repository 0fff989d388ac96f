import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../model/errors.js';

const INPUT_EXTENSIONS = /\.(ya?ml|json)$/i;

/**
 * Expands the command line's inputs into a sorted list of files: files as given,
 * directories recursively (`.yaml`, `.yml`, `.json`; dot-folders and node_modules skipped).
 * Sorting makes output independent of the order inputs are listed in.
 */
export function expandInputs(inputs: readonly string[]): string[] {
  const files = new Set<string>();
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      throw new UsageError(`${input}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(input, files);
    else files.add(input);
  }
  return [...files].sort();
}

function walk(dir: string, out: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() && INPUT_EXTENSIONS.test(entry.name)) out.add(path);
  }
}
