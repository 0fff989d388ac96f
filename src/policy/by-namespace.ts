/** Objects grouped by namespace, in input order, so engines look policies up per pod instead of scanning them all. */
export function groupByNamespace<T extends { namespace: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.namespace);
    if (list) list.push(item);
    else out.set(item.namespace, [item]);
  }
  return out;
}
