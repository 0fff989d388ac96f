/**
 * "Did you mean": the names closest to a misspelt one, case-insensitively. A name counts as
 * close when few edits separate it from the input, or from one of its prefixes, so both
 * `GetObjekt` → GetObject and `GetObjekt` → GetObjectAcl are offered, the exact kind first.
 */
export function closest(input: string, names: readonly string[], max = 3): string[] {
  const want = input.toLowerCase();
  const limit = Math.max(1, Math.floor(want.length / 4));
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const { full, prefix } = distances(want, name.toLowerCase());
    // A prefix match ranks after an equally close full match: the user may have stopped typing.
    const score = Math.min(full, prefix + 0.5);
    if (score <= limit + 0.5) scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
  return scored.slice(0, max).map((s) => s.name);
}

/** Levenshtein distance from `a` to `b`, and to the closest prefix of `b`. */
function distances(a: string, b: string): { full: number; prefix: number } {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return { full: prev[b.length]!, prefix: Math.min(...prev) };
}
