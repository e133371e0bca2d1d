// Kyverno: spec §5.3 "IP / CIDR" — the Kubernetes ip and cidr libraries.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import {
  formatIp,
  isGlobalUnicast,
  isLinkLocalMulticast,
  isLinkLocalUnicast,
  isLoopback,
  isMapped,
  maskIp,
  parseIp,
  parsePrefix,
  type IpAddress,
  type IpPrefix,
} from './ip-address.js';
import { CelOpaque, celError, celNamespace } from './runtime.js';

const IP_TYPE = 'net.IP';
const CIDR_TYPE = 'net.CIDR';

/** A CEL IP value; `==` compares addresses, string() prints netip's form. */
export class IpValue extends CelOpaque {
  constructor(readonly addr: IpAddress) {
    super();
  }

  override celEquals(other: CelOpaque): boolean {
    return other instanceof IpValue && other.addr.bits === this.addr.bits && other.addr.value === this.addr.value;
  }

  override toString(): string {
    return formatIp(this.addr);
  }
}

/** A CEL CIDR value; `==` compares address and prefix length, string() prints `addr/bits` unmasked. */
export class CidrValue extends CelOpaque {
  constructor(readonly prefix: IpPrefix) {
    super();
  }

  override celEquals(other: CelOpaque): boolean {
    return (
      other instanceof CidrValue &&
      other.prefix.length === this.prefix.length &&
      new IpValue(other.prefix.addr).celEquals(new IpValue(this.prefix.addr))
    );
  }

  override toString(): string {
    return `${formatIp(this.prefix.addr)}/${this.prefix.length}`;
  }
}

/** Kubernetes `ip(s)`: IPv4 or IPv6 without zone and not IPv4-mapped; errors name the reason. */
export function toIp(s: string): IpValue {
  const ip = parseIp(s);
  if ('error' in ip)
    throw celError(`IP Address ${JSON.stringify(s)} parse error during conversion from string: ${ip.error}`);
  if (ip.zone !== undefined) throw celError(`IP address ${JSON.stringify(s)} with zone value is not allowed`);
  if (isMapped(ip)) throw celError(`IPv4-mapped IPv6 address ${JSON.stringify(s)} is not allowed`);
  return new IpValue(ip);
}

/** Kubernetes `cidr(s)`: a prefix without zone and not IPv4-mapped. */
export function toCidr(s: string): CidrValue {
  const p = parsePrefix(s);
  if ('error' in p) throw celError(`network address parse error during conversion from string: ${p.error}`);
  if (isMapped(p.addr)) throw celError(`IPv4-mapped IPv6 address ${JSON.stringify(s)} is not allowed`);
  return new CidrValue(p);
}

function succeeds(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

/** `c.containsIP(ip)`: same family and inside the (masked) prefix. */
export function containsIp(c: CidrValue, ip: IpValue): boolean {
  const { addr, length } = c.prefix;
  return ip.addr.bits === addr.bits && maskIp(ip.addr, length).value === maskIp(addr, length).value;
}

/** `c.containsCIDR(other)`: other's network lies inside c (its prefix is at least as long). */
export function containsCidr(c: CidrValue, other: CidrValue): boolean {
  return other.prefix.length >= c.prefix.length && containsIp(c, new IpValue(other.prefix.addr));
}

function registerIp(env: Environment): void {
  const I = IP_TYPE;
  env.registerType(I, IpValue);
  env.registerOperator(`${I} == ${I}`, (a: IpValue, b: IpValue) => a.celEquals(b));
  env.registerFunction(`ip(string): ${I}`, toIp);
  env.registerFunction('isIP(string): bool', (s: string) => succeeds(() => toIp(s)));
  env.registerFunction(
    `${celNamespace(env, 'ip')}.isCanonical(string): bool`,
    (_ns: unknown, s: string) => toIp(s).toString() === s,
  );
  env.registerFunction(`string(${I}): string`, (v: IpValue) => v.toString());
  env.registerFunction(`${I}.family(): int`, (v: IpValue) => (v.addr.bits === 32 ? 4n : 6n));
  env.registerFunction(`${I}.isUnspecified(): bool`, (v: IpValue) => v.addr.value === 0n);
  env.registerFunction(`${I}.isLoopback(): bool`, (v: IpValue) => isLoopback(v.addr));
  env.registerFunction(`${I}.isLinkLocalMulticast(): bool`, (v: IpValue) => isLinkLocalMulticast(v.addr));
  env.registerFunction(`${I}.isLinkLocalUnicast(): bool`, (v: IpValue) => isLinkLocalUnicast(v.addr));
  env.registerFunction(`${I}.isGlobalUnicast(): bool`, (v: IpValue) => isGlobalUnicast(v.addr));
}

function registerCidr(env: Environment): void {
  const C = CIDR_TYPE;
  env.registerType(C, CidrValue);
  env.registerOperator(`${C} == ${C}`, (a: CidrValue, b: CidrValue) => a.celEquals(b));
  env.registerFunction(`cidr(string): ${C}`, toCidr);
  env.registerFunction('isCIDR(string): bool', (s: string) => succeeds(() => toCidr(s)));
  env.registerFunction(`string(${C}): string`, (v: CidrValue) => v.toString());
  env.registerFunction(`${C}.containsIP(${IP_TYPE}): bool`, containsIp);
  env.registerFunction(`${C}.containsIP(string): bool`, (c: CidrValue, s: string) => containsIp(c, toIp(s)));
  env.registerFunction(`${C}.containsCIDR(${C}): bool`, containsCidr);
  env.registerFunction(`${C}.containsCIDR(string): bool`, (c: CidrValue, s: string) => containsCidr(c, toCidr(s)));
  env.registerFunction(`${C}.ip(): ${IP_TYPE}`, (c: CidrValue) => new IpValue(c.prefix.addr));
  env.registerFunction(
    `${C}.masked(): ${C}`,
    (c: CidrValue) => new CidrValue({ addr: maskIp(c.prefix.addr, c.prefix.length), length: c.prefix.length }),
  );
  env.registerFunction(`${C}.prefixLength(): int`, (c: CidrValue) => BigInt(c.prefix.length));
}

function register(env: Environment): void {
  registerIp(env);
  registerCidr(env);
}

/** Kubernetes ip and cidr libraries. */
export const ipLibrary: CelLibrary = { name: 'kubernetes.net', register };
