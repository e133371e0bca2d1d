// The engine's face is src/engine/index.ts: the lint rule that keeps drivers out of engine internals really fires.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
const restricted = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('the engine import boundary', () => {
  it.each([
    [
      'a driver',
      'src/cli/commands/x.ts',
      "import { isObject } from '../../engine/json.js';\nexport const y = isObject;\n",
    ],
    [
      'the admission core',
      'src/server/admission/x.ts',
      "import type { JsonObject } from '../../engine/json.js';\nexport type Y = JsonObject;\n",
    ],
    [
      'a benchmark',
      'bench/x.mjs',
      "import { evaluate } from '../dist/engine/pipeline/evaluate.js';\nexport const y = evaluate;\n",
    ],
  ])('rejects engine internals imported by %s', async (_what, file, code) => {
    expect(await restricted(file, code)).toEqual([expect.stringContaining('src/engine/index.ts')]);
  });

  it.each([
    [
      'a driver through the index',
      'src/cli/commands/x.ts',
      "import { isObject } from '../../engine/index.js';\nexport const y = isObject;\n",
    ],
    [
      'a test',
      'src/cli/commands/x.test.ts',
      "import { isObject } from '../../engine/json.js';\nexport const y = isObject;\n",
    ],
    [
      'the engine itself',
      'src/engine/kinds/x.ts',
      "import { isObject } from '../json.js';\nexport const y = isObject;\n",
    ],
  ])('allows %s', async (_what, file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });

  it('keeps the admission core pure as well', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n";
    expect(await restricted('src/server/admission/x.ts', code)).toEqual([expect.stringContaining('pure')]);
  });
});
