import { describe, expect, it } from 'vitest';
import { ipString } from './names.js';
import { goUrl } from './url.js';

const bytes = (...b: number[]): string => String.fromCharCode(...b);

describe('ipString (Go net.IP.String)', () => {
  it.each([
    [bytes(192, 168, 0, 1), '192.168.0.1'],
    [bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1), '10.0.0.1'],
    [bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), '2001:db8::1'],
    [bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), '::'],
    [bytes(0x20, 0x01, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), '2001:0:1::1'],
    [bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1), '2001:db8:0:1:1:1:1:1'],
    [bytes(1, 2, 3), null],
  ])('%j → %s', (raw, want) => {
    expect(ipString(raw)).toBe(want);
  });
});

describe('goUrl (Go url.Parse fields)', () => {
  it.each([
    ['spiffe://cluster.local/ns/a/sa/b', { Scheme: 'spiffe', Host: 'cluster.local', Path: '/ns/a/sa/b' }],
    [
      'HTTPS://u:p@h:1/p?q=1&r#f',
      { Scheme: 'https', User: {}, Host: 'h:1', Path: '/p', RawQuery: 'q=1&r', Fragment: 'f' },
    ],
    ['urn:example:thing', { Scheme: 'urn', Opaque: 'example:thing', Path: '' }],
    ['file:/etc/hosts', { Scheme: 'file', OmitHost: true, Path: '/etc/hosts' }],
    ['http://h/x?', { Host: 'h', Path: '/x', ForceQuery: true }],
  ])('%s', (raw, want) => {
    expect(goUrl(raw)).toMatchObject(want);
  });
});
