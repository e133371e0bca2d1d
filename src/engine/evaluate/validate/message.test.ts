import { describe, expect, it } from 'vitest';
import { anyPatternPassOutcome, capitalisedPassOutcome, passOutcome } from './message.js';

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

describe('anyPattern pass outcomes', () => {
  it.each([
    { rule: 'check-labels', index: 0, message: "validation rule 'check-labels' anyPattern[0] passed." },
    { rule: 'check-labels', index: 2, message: "validation rule 'check-labels' anyPattern[2] passed." },
  ])('$message', ({ rule, index, message }) => {
    expect(anyPatternPassOutcome(rule, index)).toEqual({ status: 'pass', message });
    expect(anyPatternPassOutcome(rule, index)).toBe(anyPatternPassOutcome(rule, index));
    expect(anyPatternPassOutcome(rule, index + 1)).not.toBe(anyPatternPassOutcome(rule, index));
  });
});
