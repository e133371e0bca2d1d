import { describe, expect, it } from 'vitest';
import { X509Error, parseDer } from './der.js';
import { anyValue, bigIntOf, bitString, oidOf, rfc3339, timeOf } from './values.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const ascii = (tag: string, s: string): Uint8Array =>
  hex(tag + s.length.toString(16).padStart(2, '0') + Buffer.from(s).toString('hex'));

describe('parseDer', () => {
  it.each([
    ['30 03 02 01 05', 1],
    ['30 81 03 02 01 05', 1],
    ['30 00', 0],
  ])('%s has %d children', (der, count) => {
    expect(parseDer(hex(der), 'x').children).toHaveLength(count);
  });

  it.each([
    ['truncated', '30 05 02 01 05'],
    ['trailing data', '30 03 02 01 05 00'],
    ['indefinite length', '30 80 02 01 05 00 00'],
    ['truncated child', '30 03 02 05 05'],
    ['empty', ''],
  ])('%s is malformed', (_, der) => {
    expect(() => parseDer(hex(der), 'thing')).toThrow(new X509Error('x509: malformed thing'));
  });
});

describe('values', () => {
  it.each([
    ['06 09 2a 86 48 86 f7 0d 01 01 0b', '1.2.840.113549.1.1.11'],
    ['06 03 55 1d 11', '2.5.29.17'],
    ['06 02 88 37', '2.999'],
  ])('oidOf %s', (der, want) => {
    expect(oidOf(parseDer(hex(der), 'x'), 'x')).toBe(want);
  });

  it.each([
    ['02 01 05', 5n],
    ['02 01 ff', -1n],
    ['02 02 00 80', 128n],
    ['02 09 01 00 00 00 00 00 00 00 00', 1n << 64n],
  ])('bigIntOf %s', (der, want) => {
    expect(bigIntOf(parseDer(hex(der), 'x'), 'x')).toBe(want);
  });

  it('bitString drops the unused-bits byte and counts bits', () => {
    const bits = bitString(parseDer(hex('03 02 07 80'), 'x'), 'x');
    expect([Array.from(bits.bytes), bits.bitLength]).toEqual([[0x80], 1]);
  });

  it.each([
    ['17', '491231235959Z', '2049-12-31T23:59:59Z'],
    ['17', '500101000000Z', '1950-01-01T00:00:00Z'],
    ['17', '2401020304Z', '2024-01-02T03:04:00Z'],
    ['17', '240102030405+0130', '2024-01-02T01:34:05Z'],
    ['18', '20991231235959Z', '2099-12-31T23:59:59Z'],
    ['18', '00050101000000Z', '0005-01-01T00:00:00Z'],
  ])('timeOf [%s] %s', (tag, text, want) => {
    expect(rfc3339(timeOf(parseDer(ascii(tag, text), 'x'), 'x'))).toBe(want);
  });

  it.each([
    ['17', '20240102030405Z'],
    ['18', '202401020304Z'],
    ['17', '240102030405'],
  ])('timeOf [%s] %s is malformed', (tag, text) => {
    expect(() => timeOf(parseDer(ascii(tag, text), 'time'), 'time')).toThrow('x509: malformed time');
  });

  it.each([
    ['0c 03 c3 a9 65', 'ée'],
    ['1e 04 00 41 00 42', 'AB'],
    ['02 01 07', 7],
    ['01 01 ff', null],
    ['04 02 01 02', 'AQI='],
    ['06 03 55 04 03', [2, 5, 4, 3]],
  ])('anyValue %s', (der, want) => {
    expect(anyValue(parseDer(hex(der), 'x'))).toEqual(want);
  });
});
