import { BlockList, isIP } from 'node:net';
import { egressError } from './egress-errors.ts';

/**
 * A parsed egress allow-list. Entries: a CIDR (`10.0.0.0/8`, `fd00::/8`) or an address (`127.0.0.1`,
 * `::1`) allows those addresses on any port; `address:port` (`127.0.0.1:3100`, `[::1]:3100`) one port;
 * a host name (`erp.internal`) allows that name on any port whatever it resolves to, `host:port` one port.
 */
export interface AllowList {
  /** The entries as given (trimmed), for logs and error details. */
  readonly entries: readonly string[];
  /** Ports named by `address:port` entries: each needs its own connection check. */
  readonly addressPorts: ReadonlySet<number>;
  /** True when the name (lower case, no brackets) may be reached on `port` whatever it resolves to. */
  allowsName(host: string, port: number): boolean;
  /** True when `address` may be reached on `port` (`undefined`: only entries without a port count). */
  allowsAddress(address: string, port: number | undefined): boolean;
}

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Parses entries; an entry that is none of the forms fails with `JX_EGRESS_ALLOW_INVALID`. */
export function parseAllowList(raw: readonly string[]): AllowList {
  const entries = raw.map((entry) => entry.trim()).filter((entry) => entry !== '');
  const anyPort = new BlockList();
  const byPort = new Map<number, BlockList>();
  const names = new Set<string>();
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (parsed.kind === 'subnet') anyPort.addSubnet(parsed.address, parsed.prefix, parsed.family);
    else if (parsed.kind === 'address' && parsed.port === undefined)
      anyPort.addAddress(parsed.address, parsed.family);
    else if (parsed.kind === 'address') {
      const list = byPort.get(parsed.port as number) ?? new BlockList();
      list.addAddress(parsed.address, parsed.family);
      byPort.set(parsed.port as number, list);
    } else names.add(parsed.port === undefined ? parsed.host : `${parsed.host}:${parsed.port}`);
  }
  return {
    entries,
    addressPorts: new Set(byPort.keys()),
    allowsName: (host, port) => names.has(host) || names.has(`${host}:${port}`),
    allowsAddress(address, port) {
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (anyPort.check(address, type)) return true;
      return port !== undefined && (byPort.get(port)?.check(address, type) ?? false);
    },
  };
}

type Entry =
  | { kind: 'subnet'; address: string; prefix: number; family: 'ipv4' | 'ipv6' }
  | { kind: 'address'; address: string; family: 'ipv4' | 'ipv6'; port?: number }
  | { kind: 'name'; host: string; port?: number };

function parseEntry(entry: string): Entry {
  const invalid = (reason: string) => egressError('JX_EGRESS_ALLOW_INVALID', { entry, reason });
  if (entry.includes('://')) throw invalid('write the host (and port), not a URL');
  const slash = entry.indexOf('/');
  if (slash >= 0) {
    const address = entry.slice(0, slash);
    const family = familyOf(address);
    const prefix = Number(entry.slice(slash + 1));
    if (!family) throw invalid('the part before "/" is not an IP address');
    const max = family === 'ipv4' ? 32 : 128;
    if (!/^\d{1,3}$/.test(entry.slice(slash + 1)) || prefix > max)
      throw invalid(`the prefix length must be 0 to ${max}`);
    return { kind: 'subnet', address, prefix, family };
  }
  const bare = familyOf(entry);
  if (bare) return { kind: 'address', address: entry, family: bare };
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(entry);
  if (!match) throw invalid('write a CIDR, an IP address, or host[:port]');
  const [, bracketed, plain, portText] = match;
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65_535)) throw invalid('the port must be 1 to 65535');
  if (bracketed !== undefined) {
    if (familyOf(bracketed) !== 'ipv6') throw invalid('only an IPv6 address goes inside [ ]');
    return { kind: 'address', address: bracketed, family: 'ipv6', ...(port ? { port } : {}) };
  }
  const host = (plain as string).toLowerCase().replace(/\.$/, '');
  const family = familyOf(host);
  if (family) return { kind: 'address', address: host, family, ...(port ? { port } : {}) };
  if (!HOST_NAME.test(host)) throw invalid('the host name has characters a DNS name cannot have');
  return { kind: 'name', host, ...(port ? { port } : {}) };
}

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const family = isIP(address);
  return family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : undefined;
}
