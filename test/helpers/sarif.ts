/** A validator of SARIF logs against the OASIS SARIF 2.1.0 JSON Schema (errata 01, draft-04), vendored in test/fixtures. */
import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;

type AjvInstance = import('ajv').default;
type AjvClass = new (options: { allErrors: boolean; strict: boolean }) => AjvInstance;

export function sarifValidator() {
  // CommonJS default exports, as Node's ESM loader hands them over.
  const Ajv = ((AjvDraft04 as unknown as { default?: AjvClass }).default ?? AjvDraft04) as unknown as AjvClass;
  const formats = ((addFormats as unknown as { default?: unknown }).default ?? addFormats) as (ajv: AjvInstance) => void;
  const ajv = new Ajv({ allErrors: true, strict: false });
  formats(ajv);
  return ajv.compile(schema);
}

