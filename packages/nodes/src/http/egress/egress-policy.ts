import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { JunctionError } from '@junction/runtime';
import { Agent, type Dispatcher } from 'undici';
import { inwardRange } from './address-ranges.ts';
import { parseAllowList } from './allow-list.ts';
import { egressError } from './egress-errors.ts';

/** Options of {@link createEgressPolicy}. */
export interface EgressOptions {
  /**
   * Destinations nodes may reach although they are not public: CIDRs (`10.0.0.0/8`), addresses
   * (`127.0.0.1`, `127.0.0.1:3100`, `[::1]:3100`), host names (`erp.internal`, `erp.internal:8080`).
   * Default: none, so loopback, private, link-local, CGNAT and metadata addresses are all refused.
   */
  allow?: readonly string[];
  /** Name resolution (default `dns.lookup`); tests point names wherever they like with it. */
  lookup?: LookupFunction;
  /** The sentence that ends a refusal, given the entry that would allow it (default: "add … to the egress allow-list"). */
  allowHint?: (entry: string) => string;
}

/**
 * Where nodes' outbound requests may go. Each request asks it for a dispatcher: an address literal is
 * checked right there, a name is checked on the addresses its connection resolves (a `lookup` hook
 * inside the connect), so what is checked is what is connected to and DNS cannot answer differently
 * in between. Connections are pooled per policy, never shared with a more permissive one.
 */
export interface EgressPolicy {
  /** The allow-list entries, as given. */
  readonly allow: readonly string[];
  /** The dispatcher for `url`; throws `JX_EGRESS_REFUSED` for a refused address literal. */
  dispatcherFor(url: URL, target: string): Dispatcher;
  /** The coded refusal when `error` is a refused connection of this policy's dispatchers, else `undefined`. */
  refusalOf(error: unknown, url: URL, target: string): JunctionError | undefined;
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

/** A refused resolution, thrown inside the connect; turned into `JX_EGRESS_REFUSED` by {@link EgressPolicy.refusalOf}. */
class EgressRefusal extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`${host} resolves to a ${range} address`);
  }
}

const AGENT_OPTIONS = { keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 256 };

/** Builds an egress policy; a bad allow-list entry fails here with `JX_EGRESS_ALLOW_INVALID`. */
export function createEgressPolicy(options: EgressOptions = {}): EgressPolicy {
  const allow = parseAllowList(options.allow ?? []);
  const lookup = options.lookup ?? (dnsLookup as LookupFunction);
  const hint =
    options.allowHint ?? ((entry: string) => `If it is yours, add "${entry}" to the egress allow-list.`);
  const agents = new Map<string, Agent>();
  const agent = (key: string, check: ((address: string) => boolean) | undefined) => {
    let found = agents.get(key);
    if (!found) {
      found = new Agent({ ...AGENT_OPTIONS, connect: { lookup: check ? guarded(lookup, check) : lookup } });
      agents.set(key, found);
    }
    return found;
  };
  const refusal = (url: URL, target: string, host: string, address: string, range: string) => {
    const entry = `${host.includes(':') ? `[${host}]` : host}:${portOf(url)}`;
    return egressError(
      'JX_EGRESS_REFUSED',
      { target, host, address, range, hint: hint(entry) },
      { port: portOf(url), allowEntry: entry, maybeSent: false },
    );
  };
  return {
    allow: allow.entries,
    dispatcherFor(url, target) {
      const host = bareHost(url);
      const port = portOf(url);
      if (isIP(host)) {
        const range = inwardRange(host);
        if (range && !allow.allowsAddress(host, port)) throw refusal(url, target, host, host, range);
        return agent('any', undefined);
      }
      if (allow.allowsName(host, port)) return agent('named', undefined);
      // A port named by an `address:port` entry gets a pool whose check knows that port.
      const checkPort = allow.addressPorts.has(port) ? port : undefined;
      return agent(`checked:${checkPort ?? '*'}`, (address) => allow.allowsAddress(address, checkPort));
    },
    refusalOf(error, url, target) {
      const found = findRefusal(error);
      return found && refusal(url, target, found.host, found.address, found.range);
    },
    async close() {
      const open = [...agents.values()];
      agents.clear();
      await Promise.all(open.map((a) => a.close()));
    },
  };
}

/** A lookup that resolves every address and refuses the connection if any is inward and not allowed. */
function guarded(lookup: LookupFunction, allowed: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, result) => {
      if (error) return callback(error, '', 0);
      const addresses = (
        Array.isArray(result) ? result : [{ address: result, family: 4 }]
      ) as LookupAddress[];
      for (const { address } of addresses) {
        const range = inwardRange(address);
        if (range && !allowed(address)) return callback(new EgressRefusal(hostname, address, range), '', 0);
      }
      if (options.all)
        return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

function findRefusal(error: unknown): EgressRefusal | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    if (current instanceof EgressRefusal) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function bareHost(url: URL): string {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}
