/** The IAM identity-policy documents the inputs define, each with where it is. */
import type { IamDocument, IamStatement } from '../../model/aws.js';
import type { Model, Source } from '../../model/model.js';

export interface DefinedDocument {
  /** a customer-managed policy ARN, or `<principal ARN>#inline:<name>` */
  id: string;
  document: IamDocument;
  /**
   * Inline policies: their principal's source. A managed policy keeps no source of its own
   * in the model, so it has the file of a principal attaching it, without a line.
   */
  source?: Source;
}

/** Inline policies of every principal and every customer-managed policy's default version; AWS-managed ones are AWS's to write. */
export function definedDocuments(model: Model): DefinedDocument[] {
  const out: DefinedDocument[] = [];
  for (const p of model.aws.principals) for (const ref of p.inline) out.push({ id: ref.id, document: ref.document, ...(p.source ? { source: p.source } : {}) });
  for (const m of model.aws.policies.values()) {
    if (/^arn:aws[a-z-]*:iam::aws:policy\//.test(m.arn)) continue;
    const holder = model.aws.principals.find((p) => p.attached.includes(m.arn) && p.source);
    out.push({ id: m.arn, document: m.document, ...(holder?.source ? { source: { file: holder.source.file, doc: holder.source.doc, path: [] } } : {}) });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `statement 2 (Sid AdminAccess)` */
export function statementName(s: IamStatement): string {
  return `statement ${s.index}${s.sid ? ` (Sid ${s.sid})` : ''}`;
}
