const UNIT_MINUTES: Record<string, number> = { s: 1 / 60, m: 1, h: 60, d: 1440, w: 10080 };

/** Minutes in a duration written `30m`, `1h`, `2d`, `1w`, `45s`, or a plain number of minutes. */
export function toMinutes(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(value.trim());
  if (!m) throw new Error(`not a duration: ${value}`);
  return Number(m[1]) * (UNIT_MINUTES[m[2]!] ?? 1);
}

/** `90` → `1h30m`; for reports. */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) return '∞';
  const total = Math.round(minutes);
  if (total < 60) return `${total}m`;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  return [days ? `${days}d` : '', hours ? `${hours}h` : '', mins ? `${mins}m` : ''].join('');
}
