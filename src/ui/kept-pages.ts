// Pages of a long list fetched from the worker: a list keeps the pages nearest the one shown and
// lets the rest go (they are asked again when scrolled back to), so the page holds what it draws.

/** The pages with `page` set to `rows`, keeping at most `kept` — the nearest to `page`. */
export function keepPage<R>(old: ReadonlyMap<number, R>, page: number, rows: R, kept: number): Map<number, R> {
  const next = new Map(old);
  next.set(page, rows);
  if (next.size > kept) {
    const far = [...next.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const p of far.slice(0, next.size - kept)) next.delete(p);
  }
  return next;
}
