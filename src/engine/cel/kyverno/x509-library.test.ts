import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixedClock } from '../../ports.js';
import { evaluateKyverno, kyvernoTestEnv } from './testdata/test-env.js';
import { type TestPems, buildTestPems } from './testdata/x509-certs.js';
import { x509Decode } from './x509-library.js';

interface Case {
  input?: 'caCert' | 'csr' | 'ecCert';
  text?: string;
  expr: string;
  value?: unknown;
  error?: string;
}

const cases = (parse(readFileSync(new URL('./testdata/x509.yaml', import.meta.url), 'utf8')) as Case[]).map((c) => ({
  ...c,
  on: c.input ?? JSON.stringify(c.text),
}));
const env = kyvernoTestEnv();
const services = { clock: fixedClock(new Date('2024-05-06T07:08:09Z')) };
let pems: TestPems;

beforeAll(() => {
  pems = buildTestPems();
});

describe('x509.decode', () => {
  it.each(cases)('$expr on $on', ({ input, text, expr, value, error }) => {
    const object = input !== undefined ? pems[input] : text;
    const outcome = evaluateKyverno(env, expr, services, { object });
    if (error !== undefined) expect(outcome).toEqual({ error: expect.stringContaining(error) });
    else expect(outcome).toEqual({ value });
  });

  it('returns the modulus as a decimal string and the DER as Raw', () => {
    const cert = x509Decode(pems.caCert);
    expect(cert.PublicKey).toEqual({ N: pems.modulus, E: 65537 });
    expect(cert.Raw).toBe(pems.caDerBase64);
    expect(x509Decode(pems.csr).PublicKey).toEqual({ N: pems.modulus, E: 65537 });
  });

  it('decodes the first block of a bundle', () => {
    expect(x509Decode(`${pems.csr}${pems.caCert}`).Subject).toMatchObject({ CommonName: 'workload.example.com' });
  });
});
