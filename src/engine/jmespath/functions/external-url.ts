// is_external_url (spec §6.7): a URL is internal when its host is, or resolves to, a loopback or private IP.
import { functionError } from '../errors.js';
import type { JmesRuntime } from '../runtime.js';

const NAME = 'is_external_url';

/**
 * Literal IPs are classified directly; `localhost` is loopback; other names go through
 * runtime.resolveHost when given (unresolvable → error) and are treated as external otherwise.
 */
export function isExternalUrl(raw: string, runtime: JmesRuntime): boolean {
  const host = hostOf(raw);
  if (parseIp(host) !== undefined) return !isInternalIp(host);
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  if (runtime.resolveHost === undefined) return true;
  const addresses = runtime.resolveHost(host);
  if (addresses === undefined) throw functionError(NAME, `failed to resolve host "${host}"`);
  return !addresses.some(isInternalIp);
}

// url.Parse + Hostname(): the authority after `scheme://`, without user info, port and IPv6 brackets.
function hostOf(raw: string): string {
  const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(raw)?.[1];
  const hostPort = authority?.slice(authority.lastIndexOf('@') + 1) ?? '';
  const host = hostPort.startsWith('[') ? hostPort.slice(1, hostPort.indexOf(']')) : hostPort.replace(/:\d*$/, '');
  if (host === '') throw functionError(NAME, `URL "${raw}" has no host`);
  return host.toLowerCase();
}

// Loopback (127/8, ::1) and private (10/8, 172.16/12, 192.168/16, fc00::/7) addresses.
function isInternalIp(ip: string): boolean {
  const bytes = parseIp(ip);
  if (bytes === undefined) return false;
  const v4 = bytes.length === 4 ? bytes : isV4Mapped(bytes) ? bytes.slice(12) : undefined;
  if (v4 !== undefined) {
    const [a, b] = v4;
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  const loopback = bytes.slice(0, 15).every((x) => x === 0) && bytes[15] === 1;
  return loopback || (bytes[0] & 0xfe) === 0xfc;
}

function isV4Mapped(b: number[]): boolean {
  return b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
}

// net.ParseIP: dotted IPv4 (no leading zeros) or IPv6 (with `::` and an optional trailing IPv4).
function parseIp(s: string): number[] | undefined {
  return parseIpv4(s) ?? parseIpv6(s);
}

function parseIpv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

function parseIpv6(s: string): number[] | undefined {
  if (!s.includes(':')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 16 - head.length - tail.length;
  if ((halves.length === 2 && missing < 2) || (halves.length === 1 && missing !== 0)) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

// Colon-separated hex groups as bytes; the last group may be an IPv4 address.
function groups(s: string): number[] | undefined {
  if (s === '') return [];
  const out: number[] = [];
  const parts = s.split(':');
  for (const [i, p] of parts.entries()) {
    const v4 = i === parts.length - 1 ? parseIpv4(p) : undefined;
    if (v4 !== undefined) out.push(...v4);
    else if (/^[0-9a-f]{1,4}$/i.test(p)) out.push(parseInt(p, 16) >> 8, parseInt(p, 16) & 0xff);
    else return undefined;
  }
  return out;
}
