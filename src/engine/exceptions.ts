import type { Model } from '../model/model.js';

export interface ExceptionStatus {
  name: string;
  owner: string;
  layer: string;
  reason: string;
  expires: string;
  created?: string;
  expired: boolean;
  /** days since `created` at the evaluation date (the seeds' "exception age") */
  ageDays?: number;
  /** days until `expires` (negative once expired) */
  daysLeft: number;
}

const DAY = 86_400_000;

/** Every exception with its age and time left at the evaluation date. */
export function exceptionStatus(model: Model, at: string): ExceptionStatus[] {
  const now = Date.parse(at);
  return model.native.exceptions
    .map((e) => ({
      name: e.name,
      owner: e.owner,
      layer: e.layer,
      reason: e.reason,
      expires: e.expires,
      ...(e.created ? { created: e.created, ageDays: Math.round((now - Date.parse(e.created)) / DAY) } : {}),
      expired: e.expires < at,
      daysLeft: Math.round((Date.parse(e.expires) - now) / DAY),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
