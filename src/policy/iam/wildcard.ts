/**
 * IAM wildcards: `*` matches any run of characters, `?` any single character. Actions
 * compare case-insensitively (service prefix included), resources case-sensitively.
 */
export type Matcher = (value: string) => boolean;

export function compileWildcard(pattern: string, caseInsensitive: boolean): Matcher {
  if (pattern === '*') return () => true;
  if (!/[*?]/.test(pattern)) {
    if (!caseInsensitive) return (v) => v === pattern;
    const lower = pattern.toLowerCase();
    return (v) => v.toLowerCase() === lower;
  }
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const re = new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
  return (v) => re.test(v);
}

/** Substitutes the policy variables lateral knows (`${aws:username}`…); others stay literal. */
export function substitute(pattern: string, vars: Readonly<Record<string, string>>): string {
  return pattern.replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
    if (key === '*') return '*';
    if (key === '?') return '?';
    if (key === '$') return '$';
    return vars[key.toLowerCase()] ?? whole;
  });
}
