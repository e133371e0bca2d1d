// Kyverno: spec §5.3 "IP / CIDR" — IP addresses and prefixes as Go's net/netip parses, prints and classifies them.

/** An IP address: its value as an unsigned integer and its width (32 for IPv4, 128 for IPv6). */
export interface IpAddress {
  readonly value: bigint;
  readonly bits: 32 | 128;
  readonly zone?: string;
}

/** An IP prefix (`addr/bits`), the address kept unmasked as written. */
export interface IpPrefix {
  readonly addr: IpAddress;
  readonly length: number;
}

/** Parse failures carry netip's reason. */
export type Parsed<T> = T | { error: string };

function parseIPv4(s: string): Parsed<bigint> {
  const fields = s.split('.');
  if (fields.length !== 4) return { error: 'IPv4 address too short' };
  let value = 0n;
  for (const f of fields) {
    if (!/^[0-9]{1,3}$/.test(f))
      return { error: f === '' ? 'IPv4 field must have at least one digit' : 'unexpected character' };
    if (f.length > 1 && f[0] === '0') return { error: 'IPv4 field has octet with leading zero' };
    if (Number(f) > 255) return { error: 'IPv4 field has value >255' };
    value = (value << 8n) | BigInt(f);
  }
  return value;
}

/** Hex groups of one side of `::`; an IPv4 tail counts as two groups. */
function parseGroups(side: string, allowV4Tail: boolean): Parsed<number[]> {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (allowV4Tail && i === parts.length - 1 && p.includes('.')) {
      const v4 = parseIPv4(p);
      if (typeof v4 !== 'bigint') return v4;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) groups.push(parseInt(p, 16));
    else
      return {
        error:
          p === ''
            ? 'colon must be followed by more characters'
            : 'each colon-separated field must have at most 4 hex digits',
      };
  }
  return groups;
}

function parseIPv6(s: string): Parsed<bigint> {
  const halves = s.split('::');
  if (halves.length > 2) return { error: 'multiple :: in address' };
  const head = parseGroups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1], true) : [];
  if (!Array.isArray(head)) return head;
  if (!Array.isArray(tail)) return tail;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1)
    return { error: missing > 0 ? 'address string too short' : 'address string too long' };
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Go `netip.ParseAddr`: dotted IPv4 (no leading zeros) or IPv6 (with `::`, an IPv4 tail and a `%zone`). */
export function parseIp(s: string): Parsed<IpAddress> {
  if (s.includes(':')) {
    const pct = s.indexOf('%');
    const zone = pct < 0 ? undefined : s.slice(pct + 1);
    if (zone === '') return { error: 'zone must be a non-empty string' };
    const v = parseIPv6(pct < 0 ? s : s.slice(0, pct));
    if (typeof v !== 'bigint') return v;
    return zone === undefined ? { value: v, bits: 128 } : { value: v, bits: 128, zone };
  }
  const v = s.includes('.') ? parseIPv4(s) : { error: 'unable to parse IP' };
  return typeof v === 'bigint' ? { value: v, bits: 32 } : v;
}

/** True for an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`). */
export function isMapped(ip: IpAddress): boolean {
  return ip.bits === 128 && ip.value >> 32n === 0xffffn;
}

function v4Text(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
}

/** Go `Addr.String()`: dotted IPv4; IPv6 in RFC 5952 form (longest run of two or more zero groups as `::`). */
export function formatIp(ip: IpAddress): string {
  if (ip.bits === 32) return v4Text(ip.value);
  const zone = ip.zone === undefined ? '' : `%${ip.zone}`;
  if (isMapped(ip)) return `::ffff:${v4Text(ip.value & 0xffffffffn)}${zone}`;
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len && j - i >= 2) best = { start: i, len: j - i };
    i = Math.max(i, j);
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best.start < 0) return hex(groups) + zone;
  return `${hex(groups.slice(0, best.start))}::${hex(groups.slice(best.start + best.len))}${zone}`;
}

function inPrefix(ip: IpAddress, bits: 32 | 128, prefix: bigint, length: number): boolean {
  return ip.bits === bits && ip.value >> BigInt(bits - length) === prefix;
}

/** netip `IsLoopback`: 127.0.0.0/8 or ::1. */
export function isLoopback(ip: IpAddress): boolean {
  return ip.bits === 32 ? inPrefix(ip, 32, 127n, 8) : ip.value === 1n;
}

/** netip `IsMulticast`: 224.0.0.0/4 or ff00::/8. */
export function isMulticast(ip: IpAddress): boolean {
  return inPrefix(ip, 32, 0xen, 4) || inPrefix(ip, 128, 0xffn, 8);
}

/** netip `IsLinkLocalMulticast`: 224.0.0.0/24 or ff02::/16 (any flags nibble). */
export function isLinkLocalMulticast(ip: IpAddress): boolean {
  if (ip.bits === 32) return inPrefix(ip, 32, 0xe00000n, 24);
  return ((ip.value >> 112n) & 0xff0fn) === 0xff02n;
}

/** netip `IsLinkLocalUnicast`: 169.254.0.0/16 or fe80::/10. */
export function isLinkLocalUnicast(ip: IpAddress): boolean {
  return inPrefix(ip, 32, 0xa9fen, 16) || inPrefix(ip, 128, 0x3fan, 10);
}

/** netip `IsGlobalUnicast`: anything but unspecified, broadcast, loopback, multicast and link-local unicast. */
export function isGlobalUnicast(ip: IpAddress): boolean {
  if (ip.value === 0n || (ip.bits === 32 && ip.value === 0xffffffffn)) return false;
  return !isLoopback(ip) && !isMulticast(ip) && !isLinkLocalUnicast(ip);
}

/** The address with every bit after the first `length` cleared. */
export function maskIp(ip: IpAddress, length: number): IpAddress {
  const host = BigInt(ip.bits - length);
  return { value: (ip.value >> host) << host, bits: ip.bits };
}

/** Go `netip.ParsePrefix`: `addr/bits`, no zone, decimal bits without leading zeros, within the address width. */
export function parsePrefix(s: string): Parsed<IpPrefix> {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return { error: "no '/'" };
  const addr = parseIp(s.slice(0, slash));
  if ('error' in addr) return addr;
  if (addr.zone !== undefined) return { error: 'IPv6 zones cannot be present in a prefix' };
  const bits = s.slice(slash + 1);
  if (!/^(0|[1-9][0-9]*)$/.test(bits) || Number(bits) > addr.bits) return { error: `bad bits after slash: "${bits}"` };
  return { addr, length: Number(bits) };
}
