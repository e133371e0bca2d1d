// Corpus check: every MutatingPolicy and GeneratingPolicy of the conformance corpus compiles without diagnostics.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../../source/documents.js';
import { celPolicyKindOf } from '../load.js';
import { compileGeneratingPolicy } from '../generating/compile.js';
import { compileMutatingPolicy } from './compile.js';

const CORPUS = '/work/shared/conformance/kyverno-policies';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe.skipIf(!existsSync(CORPUS))('corpus MutatingPolicy/GeneratingPolicy', () => {
  it('compiles every policy without diagnostics', () => {
    const counts = { mutating: 0, generating: 0 };
    const problems: string[] = [];
    for (const file of yamlFiles(CORPUS)) {
      for (const doc of parseDocuments(readFileSync(file, 'utf8'), file).documents) {
        const kind = celPolicyKindOf(doc.value);
        if (kind === 'MutatingPolicy' || kind === 'NamespacedMutatingPolicy') {
          counts.mutating++;
          problems.push(...compileMutatingPolicy(doc).diagnostics.map((d) => `${file}: ${d.message}`));
        } else if (kind === 'GeneratingPolicy' || kind === 'NamespacedGeneratingPolicy') {
          counts.generating++;
          problems.push(...compileGeneratingPolicy(doc).diagnostics.map((d) => `${file}: ${d.message}`));
        }
      }
    }
    expect(problems).toEqual([]);
    expect(counts.mutating).toBeGreaterThanOrEqual(37);
    expect(counts.generating).toBeGreaterThanOrEqual(2);
  });
});
