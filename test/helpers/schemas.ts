/**
 * Validation of `--json` outputs against the schemas shipped in schemas/: the schema is the
 * one `json.format` names; anything else (no format, an unknown one, an error) throws with
 * ajv's errors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

const dir = fileURLToPath(new URL('../../schemas/', import.meta.url));

let validators: Map<string, ValidateFunction> | undefined;

/** Every schema file, compiled once, by the format it describes (its title). */
export function schemaValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const compiled = new Map<string, ValidateFunction>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort()) {
    const schema = JSON.parse(readFileSync(`${dir}${name}`, 'utf8')) as { title: string };
    compiled.set(schema.title, ajv.compile(schema));
  }
  return (validators = compiled);
}

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).slice(0, 20).map((e) => `  ${e.instancePath || '/'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`).join('\n');
}

/** Throws unless `json` is valid against the schema its `format` names. Returns it. */
export function validateOutput<T>(json: T): T {
  const format = (json as { format?: unknown })?.format;
  if (typeof format !== 'string') throw new Error(`--json output without a format: ${JSON.stringify(json).slice(0, 200)}`);
  const validate = schemaValidators().get(format);
  if (!validate) throw new Error(`no schema for format ${format} (schemas/: ${[...schemaValidators().keys()].join(', ')})`);
  if (!validate(json)) throw new Error(`${format} output does not match its schema:\n${describe(validate.errors)}`);
  return json;
}

/** Validates stdout of a `--json` run when it holds JSON (a failing run may print nothing). */
export function validateStdout(args: readonly string[], stdout: string): void {
  if (!args.includes('--json') || args.includes('--help') || stdout.trim() === '') return;
  validateOutput(JSON.parse(stdout) as unknown);
}
