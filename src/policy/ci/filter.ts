/**
 * GitHub Actions branch and tag filters ("Filter pattern cheat sheet" of the workflow
 * syntax): `*` matches any characters but `/`, `**` any characters, `?` zero or one of the
 * preceding character, `+` one or more of it, `[…]` a character class; a pattern starting
 * with `!` excludes what an earlier one included, and the last pattern that matches decides.
 * minimatch and friends give `?` another meaning, so the few lines here are GitHub's own.
 */
import type { RefFilter } from '../../model/ci.js';

const cache = new Map<string, RegExp>();

export function filterRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        out += '.*';
        i++;
      } else out += '[^/]*';
    } else if (c === '?' || c === '+') out += c;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) out += '\\[';
      else {
        out += `[${pattern.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.^$|(){}\\/]/g, '\\$&');
  }
  re = new RegExp(`^${out}$`);
  cache.set(pattern, re);
  return re;
}

/** Whether a ref name (without `refs/heads/`) passes a filter; no filter passes every name. */
export function passes(filter: RefFilter | undefined, name: string): boolean {
  if (!filter) return true;
  if (filter.ignore.length) return !filter.ignore.some((p) => filterRegExp(p).test(name));
  let ok = false;
  for (const p of filter.patterns) {
    if (p.startsWith('!')) {
      if (filterRegExp(p.slice(1)).test(name)) ok = false;
    } else if (filterRegExp(p).test(name)) ok = true;
  }
  return ok;
}

/** A concrete name a pattern matches, for candidate refs: wildcards filled with `x`. */
export function instance(pattern: string): string {
  return pattern
    .replace(/\*\*/g, 'x')
    .replace(/\*/g, 'x')
    .replace(/\[([^\]])[^\]]*\]/g, '$1')
    .replace(/[?+]/g, '');
}
