/**
 * Remembers the results of a pure function of a string (a host name, a link), up to `limit` keys,
 * then starts over: the same few hosts and links recur from message to message (a campaign sends one
 * link to thousands of doctors), and parsing them again was a sizeable share of the analysis.
 * Keys longer than `maxKeyLength` are not kept (they would hold memory, and rarely recur). Results
 * are shared between callers: they must be treated as read-only.
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V, maxKeyLength = 1_000): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    if (key.length > maxKeyLength) return compute(key);
    const cached = known.get(key);
    if (cached !== undefined || known.has(key)) return cached as V;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
