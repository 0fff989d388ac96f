#!/usr/bin/env node
/** Rewrites the generated parts of README.md (the lint rules table) from the built sources: `npm run build && node scripts/readme.mjs`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withLintTable } from '../dist/lint/table.js';

const file = new URL('../README.md', import.meta.url);
writeFileSync(file, withLintTable(readFileSync(file, 'utf8')));
