/**
 * Input formats, tried in order on every parsed document. The first whose `detect` accepts
 * a document ingests it; a document no format accepts is skipped with a reason.
 */
import type { IngestContext } from './context.js';
import { ingestNative, isNative } from './native/index.js';
import type { ParsedDoc } from './parse.js';

export interface InputFormat {
  id: string;
  detect(value: unknown): boolean;
  ingest(ctx: IngestContext, doc: ParsedDoc): void;
}

export const FORMATS: readonly InputFormat[] = [{ id: 'native', detect: isNative, ingest: ingestNative }];
