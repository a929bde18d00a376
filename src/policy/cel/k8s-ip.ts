import { chargeCall, STRING_TRAVERSAL_FACTOR } from './cost.ts';
import { fail } from './errors.ts';
import type { LibraryContext } from './libraries.ts';

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address, parsed like Go's `netip.ParseAddr`. */
export class IpAddress {
  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  get family(): 4 | 6 {
    return this.bytes.length === 4 ? 4 : 6;
  }

  equals(other: unknown): boolean {
    return other instanceof IpAddress && sameBytes(this.bytes, other.bytes);
  }

  isUnspecified(): boolean {
    return this.bytes.every((b) => b === 0);
  }

  isLoopback(): boolean {
    if (this.family === 4) return this.bytes[0] === 127;
    return this.bytes.slice(0, 15).every((b) => b === 0) && this.bytes[15] === 1;
  }

  isMulticast(): boolean {
    const b0 = this.bytes[0] ?? 0;
    return this.family === 4 ? (b0 & 0xf0) === 0xe0 : b0 === 0xff;
  }

  isLinkLocalMulticast(): boolean {
    const [b0 = 0, b1 = 0, b2 = 0] = this.bytes;
    if (this.family === 4) return b0 === 224 && b1 === 0 && b2 === 0;
    return b0 === 0xff && (b1 & 0x0f) === 0x02;
  }

  isLinkLocalUnicast(): boolean {
    const [b0 = 0, b1 = 0] = this.bytes;
    if (this.family === 4) return b0 === 169 && b1 === 254;
    return b0 === 0xfe && (b1 & 0xc0) === 0x80;
  }

  /** Go's definition: private and unique-local addresses count as global unicast. */
  isGlobalUnicast(): boolean {
    if (this.family === 4 && (this.isUnspecified() || this.bytes.every((b) => b === 255))) return false;
    return !this.isUnspecified() && !this.isLoopback() && !this.isMulticast() && !this.isLinkLocalUnicast();
  }

  toString(): string {
    if (this.family === 4) return [...this.bytes].join('.');
    return formatIpv6(this.bytes);
  }
}

/** A network prefix (`10.0.0.0/8`); the address may have host bits set, as with `netip.ParsePrefix`. */
export class Cidr {
  readonly address: IpAddress;
  readonly bits: number;

  constructor(address: IpAddress, bits: number) {
    this.address = address;
    this.bits = bits;
  }

  equals(other: unknown): boolean {
    return other instanceof Cidr && this.bits === other.bits && this.address.equals(other.address);
  }

  masked(): Cidr {
    return new Cidr(new IpAddress(mask(this.address.bytes, this.bits)), this.bits);
  }

  containsIp(ip: IpAddress): boolean {
    if (ip.family !== this.address.family) return false;
    return sameBytes(mask(ip.bytes, this.bits), mask(this.address.bytes, this.bits));
  }

  containsCidr(other: Cidr): boolean {
    return other.bits >= this.bits && this.containsIp(other.address);
  }

  toString(): string {
    return `${this.address}/${this.bits}`;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function mask(bytes: Uint8Array, bits: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    out[i] = (bytes[i] ?? 0) & ((0xff << (8 - keep)) & 0xff);
  }
  return out;
}

function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  // RFC 5952: compress the first longest run of two or more zero groups.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function parseIpv4(text: string): Uint8Array | string {
  const parts = text.split('.');
  if (parts.length !== 4) return 'IPv4 address too short';
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] as string;
    if (!/^\d{1,3}$/.test(part)) return `unexpected character in IPv4 field ${i}`;
    if (part.length > 1 && part[0] === '0') return 'IPv4 field has octet with leading zero';
    const n = Number(part);
    if (n > 255) return 'IPv4 field has value >255';
    out[i] = n;
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | string {
  if (text.includes('%')) return 'zone';
  const halves = text.split('::');
  if (halves.length > 2) return 'multiple :: in address';
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups: number[] = [];
  const all = [...head, ...tail];
  for (let i = 0; i < all.length; i++) {
    const part = all[i] as string;
    if (i === all.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (typeof v4 === 'string') return v4;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return 'each colon-separated field must have at least one digit';
    groups.push(Number.parseInt(part, 16));
  }
  const headGroups = head.length + (head.at(-1)?.includes('.') ? 1 : 0);
  if (halves.length === 1 ? groups.length !== 8 : groups.length > 7) {
    return halves.length === 1 ? 'address string too short' : 'address string too long';
  }
  const zeros = 8 - groups.length;
  const full = [
    ...groups.slice(0, headGroups),
    ...new Array<number>(zeros).fill(0),
    ...groups.slice(headGroups),
  ];
  const out = new Uint8Array(16);
  full.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

function isIpv4Mapped(bytes: Uint8Array): boolean {
  return (
    bytes.length === 16 &&
    bytes.slice(0, 10).every((b) => b === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff
  );
}

/** Kubernetes' `parseIPAddr`: netip syntax, no zones, no IPv4-mapped IPv6. Returns an error message on failure. */
export function parseIp(text: string): IpAddress | string {
  const bytes = text.includes(':') ? parseIpv6(text) : parseIpv4(text);
  if (bytes === 'zone') return `IP address ${JSON.stringify(text)} with zone value is not allowed`;
  if (typeof bytes === 'string') {
    return `IP Address ${JSON.stringify(text)} parse error during conversion from string: ParseAddr(${JSON.stringify(text)}): ${bytes}`;
  }
  if (isIpv4Mapped(bytes) && text.includes(':')) {
    return `IPv4-mapped IPv6 address ${JSON.stringify(text)} is not allowed`;
  }
  return new IpAddress(bytes);
}

/** Kubernetes' `parseCIDR`. */
export function parseCidr(text: string): Cidr | string {
  const slash = text.lastIndexOf('/');
  const prefix = `network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(text)})`;
  if (slash < 0) return `${prefix}: no '/'`;
  const ip = parseIp(text.slice(0, slash));
  if (typeof ip === 'string') return ip.includes('IPv4-mapped') ? ip : `${prefix}: ${ip}`;
  const bitsText = text.slice(slash + 1);
  const max = ip.family === 4 ? 32 : 128;
  if (!/^(0|[1-9]\d{0,2})$/.test(bitsText) || Number(bitsText) > max) {
    return `${prefix}: bad bits after slash: ${JSON.stringify(bitsText)}`;
  }
  return new Cidr(ip, Number(bitsText));
}

function ipOrFail(text: string): IpAddress {
  const ip = parseIp(text);
  return typeof ip === 'string' ? fail(ip) : ip;
}

function cidrOrFail(text: string): Cidr {
  const cidr = parseCidr(text);
  return typeof cidr === 'string' ? fail(cidr) : cidr;
}

/** The Kubernetes IP and CIDR libraries. */
export function registerIp(ctx: LibraryContext): void {
  const parseCost = (s: string, factor = 1): void =>
    chargeCall(ctx.state, s.length * STRING_TRAVERSAL_FACTOR * factor);
  ctx.type('net.IP', IpAddress);
  ctx.type('net.CIDR', Cidr);
  ctx.equality('net.IP');
  ctx.equality('net.CIDR');
  ctx.fn('ip(string): net.IP', (s: string) => {
    parseCost(s);
    return ipOrFail(s);
  });
  ctx.fn('isIP(string): bool', (s: string) => {
    parseCost(s);
    return typeof parseIp(s) !== 'string';
  });
  ctx.namespace('ip');
  ctx.fn('IpNamespace.isCanonical(string): bool', (_ns: object, s: string) => {
    parseCost(s, 2);
    return ipOrFail(s).toString() === s;
  });
  ctx.fn('string(net.IP): string', (ip: IpAddress) => ip.toString());
  ctx.fn('net.IP.family(): int', (ip: IpAddress) => BigInt(ip.family));
  ctx.fn('net.IP.isUnspecified(): bool', (ip: IpAddress) => ip.isUnspecified());
  ctx.fn('net.IP.isLoopback(): bool', (ip: IpAddress) => ip.isLoopback());
  ctx.fn('net.IP.isLinkLocalMulticast(): bool', (ip: IpAddress) => ip.isLinkLocalMulticast());
  ctx.fn('net.IP.isLinkLocalUnicast(): bool', (ip: IpAddress) => ip.isLinkLocalUnicast());
  ctx.fn('net.IP.isGlobalUnicast(): bool', (ip: IpAddress) => ip.isGlobalUnicast());

  ctx.fn('cidr(string): net.CIDR', (s: string) => {
    parseCost(s);
    return cidrOrFail(s);
  });
  ctx.fn('isCIDR(string): bool', (s: string) => {
    parseCost(s);
    return typeof parseCidr(s) !== 'string';
  });
  ctx.fn('string(net.CIDR): string', (c: Cidr) => c.toString());
  ctx.fn('net.CIDR.containsIP(net.IP): bool', (c: Cidr, ip: IpAddress) => c.containsIp(ip));
  ctx.fn('net.CIDR.containsIP(string): bool', (c: Cidr, s: string) => {
    parseCost(s);
    return c.containsIp(ipOrFail(s));
  });
  ctx.fn('net.CIDR.containsCIDR(net.CIDR): bool', (c: Cidr, other: Cidr) => c.containsCidr(other));
  ctx.fn('net.CIDR.containsCIDR(string): bool', (c: Cidr, s: string) => {
    parseCost(s);
    return c.containsCidr(cidrOrFail(s));
  });
  ctx.fn('net.CIDR.ip(): net.IP', (c: Cidr) => c.address);
  ctx.fn('net.CIDR.masked(): net.CIDR', (c: Cidr) => c.masked());
  ctx.fn('net.CIDR.prefixLength(): int', (c: Cidr) => BigInt(c.bits));
}
