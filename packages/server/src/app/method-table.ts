interface Entry {
  pattern: RegExp;
  methods: string[];
}

function toPattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * The methods each route pattern serves, so a request the router did not match can be told apart:
 * a known path with the wrong method answers 405 with `Allow`, an unknown path 404. Only consulted on
 * misses, so a linear scan over the route table is cheap enough.
 */
export class MethodTable {
  readonly #entries: Entry[] = [];

  /** Records a route; the editor's catch-all (`/*`) is left out, or every path would "exist". */
  add(url: string, method: string | string[]): void {
    if (url === '/*' || url === '*') return;
    const methods = Array.isArray(method) ? method : [method];
    this.#entries.push({ pattern: toPattern(url), methods });
  }

  /** Methods served at `path` (no query string), sorted; empty when no route has this path. */
  allowed(path: string): string[] {
    const found = new Set<string>();
    for (const entry of this.#entries) {
      if (entry.pattern.test(path)) for (const m of entry.methods) found.add(m);
    }
    return [...found].sort();
  }
}
