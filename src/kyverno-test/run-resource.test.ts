import { describe, expect, it } from 'vitest';
import { celOperation } from './run-resource.js';

describe('celOperation', () => {
  it.each([
    [undefined, undefined, 'CREATE'],
    ['UPDATE', 'DELETE', 'UPDATE'],
    [undefined, 'DELETE', 'DELETE'],
    [undefined, 'CONNECT', 'CREATE'],
    [undefined, 'update', 'UPDATE'],
  ])('row %s, values %s → %s', (row, values, expected) => {
    expect(celOperation(row, values)).toBe(expected);
  });
});
