import { BlockList, isIP } from 'node:net';

/**
 * Address ranges a node may not reach unless the operator allows them: everything that is not a
 * public unicast address. Listed most specific first, so the name a refusal reports is the precise one
 * (169.254.169.254 reads "cloud metadata", not "link-local").
 */
const IPV4_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.169.254', 32, 'cloud metadata'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const IPV6_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  // IPv4-compatible addresses (deprecated): nothing public lives there.
  ['::', 96, 'reserved'],
  // NAT64's local-use prefix routes to whatever the operator's translator reaches.
  ['64:ff9b:1::', 48, 'private'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

/** One BlockList per range name, in the order above. */
const RANGES: ReadonlyArray<readonly [BlockList, string]> = build();

function build(): Array<[BlockList, string]> {
  const lists: Array<[BlockList, string]> = [];
  for (const [base, prefix, name] of IPV4_RANGES) {
    const list = new BlockList();
    list.addSubnet(base, prefix, 'ipv4');
    // Node's BlockList matches IPv4-mapped IPv6 (::ffff:7f00:1) against IPv4 subnets by itself; the
    // well-known NAT64 prefix embeds IPv4 the same way, so the IPv4 range is repeated under it.
    list.addSubnet(`64:ff9b::${ipv4Hex(base)}`, 96 + prefix, 'ipv6');
    lists.push([list, name]);
  }
  for (const [base, prefix, name] of IPV6_RANGES) {
    const list = new BlockList();
    list.addSubnet(base, prefix, 'ipv6');
    lists.push([list, name]);
  }
  return lists;
}

function ipv4Hex(address: string): string {
  const [a, b, c, d] = address.split('.').map(Number) as [number, number, number, number];
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/**
 * The name of the non-public range `address` falls in (`loopback`, `private`, `link-local`, `cloud
 * metadata`, …), or `undefined` for a public address. IPv4-mapped and NAT64 forms of an inward IPv4
 * address count as that address. Anything that is not an IP address reads as `invalid`.
 */
export function inwardRange(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'invalid';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [list, name] of RANGES) if (list.check(address, type)) return name;
  return undefined;
}
