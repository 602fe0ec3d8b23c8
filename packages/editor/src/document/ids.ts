/**
 * Makes a new node id from a type title: camelCase so `$nodes.<id>` works in JSONata without quoting,
 * numbered until unique (`httpRequest`, `httpRequest2`, …).
 */
export function uniqueNodeId(base: string, taken: Set<string>): string {
  const words = base
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let stem = words
    // Acronyms read as words: "HTTP request" → httpRequest, "Call API" → callApi.
    .map((w) => (w === w.toUpperCase() ? w.toLowerCase() : w))
    .map((w, i) =>
      i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join('');
  if (!stem || !/^[A-Za-z]/.test(stem)) stem = `node${stem}`;
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** An edge id that is readable in diffs and unique in the flow. */
export function uniqueEdgeId(taken: Set<string>): string {
  for (let n = taken.size + 1; ; n++) {
    const candidate = `e${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A short random id for editor-only objects such as sticky notes. */
export function randomId(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2, 10)}`;
}
