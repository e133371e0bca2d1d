import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDer } from './der.js';
import { generalNames, ipString, pkixName } from './names.js';

interface NameCase {
  name: string;
  der: string;
  want: Record<string, unknown>;
}

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const cases = parse(readFileSync(new URL('./testdata/names.yaml', import.meta.url), 'utf8')) as NameCase[];

describe('pkixName', () => {
  it.each(cases)('$name', ({ der, want }) => {
    expect(pkixName(parseDer(hex(der), 'name'))).toMatchObject(want);
  });
});

describe('generalNames', () => {
  it('sorts SAN entries by tag and skips unknown ones', () => {
    const san = parseDer(hex('30 10 82 03 61 2e 62 87 04 0a 00 00 01 81 01 6d a4 00'), 'san');
    expect(generalNames(san.children ?? [])).toEqual({
      DNSNames: ['a.b'],
      EmailAddresses: ['m'],
      IPAddresses: ['10.0.0.1'],
      URIs: [],
    });
  });

  it('rejects an IP address of another length', () => {
    expect(() => generalNames(parseDer(hex('30 05 87 03 01 02 03'), 'san').children ?? [])).toThrow(
      'x509: cannot parse IP address of length 3',
    );
  });
});

describe('ipString', () => {
  it.each([
    [[10, 1, 2, 3], '10.1.2.3'],
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4], '1.2.3.4'],
    [[0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 'fe80::1'],
  ])('%j → %s', (bytes, want) => {
    expect(ipString(Uint8Array.from(bytes))).toBe(want);
  });
});
