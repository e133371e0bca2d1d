import { describe, expect, it } from 'vitest';
import { shiftReferences } from './references.js';

describe('shiftReferences', () => {
  it.each([
    ['reference at the start', '$(pattern/spec/x)', 'spec/template', 'pattern', '$(pattern/spec/template/spec/x)'],
    [
      'reference after text keeps the preceding character',
      'want $(pattern/a) here',
      'spec/template',
      'pattern',
      'want $(pattern/spec/template/a) here',
    ],
    ['escaped reference is left alone', 'want \\$(pattern/a)', 'spec/template', 'pattern', 'want \\$(pattern/a)'],
    ['reference without the pivot is left alone', 'see $(./../name)', 'spec/template', 'pattern', 'see $(./../name)'],
    [
      'anyPattern pivot gains the pattern index',
      '$(anyPattern/1/spec/x)',
      'spec/template',
      'anyPattern',
      '$(anyPattern/1/spec/template/spec/x)',
    ],
    [
      'anyPattern index sticks for later references',
      '$(anyPattern/1/a) and $(anyPattern/0/b)',
      's',
      'anyPattern',
      '$(anyPattern/1/s/a) and $(anyPattern/0/b)',
    ],
    [
      'two references are both shifted',
      '$(deny/a) vs $(deny/b)',
      'spec/template',
      'deny',
      '$(deny/spec/template/a) vs $(deny/spec/template/b)',
    ],
    ['text without references is unchanged', 'plain message', 'spec/template', 'pattern', 'plain message'],
  ])('%s', (_name, message, shift, pivot, want) => {
    expect(shiftReferences(message, shift, pivot)).toBe(want);
  });
});
