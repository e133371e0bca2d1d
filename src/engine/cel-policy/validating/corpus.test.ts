// Whole-corpus check: every ValidatingPolicy of the conformance corpus loads without diagnostics.
// Skipped when /work/shared is absent.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../result/diagnostic.js';
import { parseDocuments } from '../../source/documents.js';
import { celPolicyKindOf } from '../load.js';
import { compileValidatingPolicy } from './compile.js';

const CORPUS = '/work/shared/conformance/kyverno-policies/';

describe.skipIf(!existsSync(`${CORPUS}index.json`))('ValidatingPolicies of the corpus', () => {
  it('all compile without diagnostics', () => {
    const index = JSON.parse(readFileSync(`${CORPUS}index.json`, 'utf8')) as { policies: string[] }[];
    const files = new Set(index.flatMap((t) => t.policies));
    const problems: string[] = [];
    let count = 0;
    for (const file of files) {
      if (!existsSync(CORPUS + file)) continue;
      for (const doc of parseDocuments(readFileSync(CORPUS + file, 'utf8'), file).documents) {
        const kind = celPolicyKindOf(doc.value);
        if (kind !== 'ValidatingPolicy' && kind !== 'NamespacedValidatingPolicy') continue;
        count++;
        problems.push(...compileValidatingPolicy(doc).diagnostics.map(renderDiagnostic));
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(100);
  });
});
