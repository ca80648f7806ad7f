/**
 * `fn` with its results kept per argument. With `maxEntries`, the kept results are dropped all at
 * once when that many are kept, so memory stays bounded for input from outside (typed words).
 */
export function memoise<T>(fn: (text: string) => T, maxEntries = Number.POSITIVE_INFINITY): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    const known = results.get(text);
    if (known !== undefined) return known;
    const result = fn(text);
    if (results.size >= maxEntries) results.clear();
    results.set(text, result);
    return result;
  };
}
