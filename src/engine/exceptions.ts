import type { Model } from '../model/model.js';

export interface ExceptionStatus {
  name: string;
  owner: string;
  layer: string;
  reason: string;
  expires: string;
  created?: string;
  /** `pending` before `created`, `expired` after `expires`; only an `active` one grants */
  status: 'active' | 'pending' | 'expired';
  expired: boolean;
  /** days since `created` at the evaluation date (the seeds' "exception age"); absent while pending */
  ageDays?: number;
  /** while pending: days until `created` */
  startsInDays?: number;
  /** days until `expires` (negative once expired) */
  daysLeft: number;
}

const DAY = 86_400_000;

/** Every exception with its age and time left at the evaluation date. */
export function exceptionStatus(model: Model, at: string): ExceptionStatus[] {
  const now = Date.parse(at);
  return model.native.exceptions
    .map((e): ExceptionStatus => {
      const pending = e.created !== undefined && at < e.created;
      const days = (date: string) => Math.round((Date.parse(date) - now) / DAY);
      return {
        name: e.name,
        owner: e.owner,
        layer: e.layer,
        reason: e.reason,
        expires: e.expires,
        ...(e.created ? { created: e.created, ...(pending ? { startsInDays: days(e.created) } : { ageDays: Math.round((now - Date.parse(e.created)) / DAY) }) } : {}),
        status: pending ? 'pending' : e.expires < at ? 'expired' : 'active',
        expired: e.expires < at,
        daysLeft: days(e.expires),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
