import { describe, expect, it } from 'vitest';
import { capitalisedPassOutcome, passOutcome } from './message.js';

describe('pass outcomes', () => {
  it.each([
    { of: passOutcome, rule: 'check-image', message: "validation rule 'check-image' passed." },
    { of: capitalisedPassOutcome, rule: 'restricted', message: "Validation rule 'restricted' passed." },
  ])('$message', ({ of, rule, message }) => {
    expect(of(rule)).toEqual({ status: 'pass', message });
    // One outcome per rule name: results copy it, a large check run keeps many of them.
    expect(of(rule)).toBe(of(rule));
    expect(of(`${rule}-2`)).not.toBe(of(rule));
  });
});
