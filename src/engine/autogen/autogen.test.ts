import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { autogenControllers, computeRules } from './index.js';

interface Case {
  name: string;
  policy: JsonObject;
  /** Resource kind passed to computeRules (spec §10.4); absent = all variants. */
  kind?: string;
  /** Expected rule names, in order. */
  names: string[];
  /** Expected autogenControllers(policy). */
  controllers?: string[];
  /** Expected complete documents of some rules, by name. */
  rules?: Record<string, JsonObject>;
}

function load(file: string): Case[] {
  return parse(readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8')) as Case[];
}

describe.each(['eligibility.yaml', 'controllers.yaml', 'bodies.yaml'])('computeRules: %s', (file) => {
  it.each(load(file))('$name', (c) => {
    const before = structuredClone(c.policy);
    const rules = computeRules(c.policy, c.kind);
    expect(rules.map((r) => r.name)).toEqual(c.names);
    for (const [name, want] of Object.entries(c.rules ?? {})) {
      expect(rules.find((r) => r.name === name)).toEqual(want);
    }
    if (c.controllers) expect(autogenControllers(c.policy)).toEqual(c.controllers);
    expect(c.policy).toEqual(before);
  });
});

describe('computeRules identity', () => {
  it('returns declared rules as the same objects and generated ones as new objects', () => {
    const declared = {
      name: 'r',
      match: { any: [{ resources: { kinds: ['Pod'] } }] },
      validate: { pattern: { spec: {} } },
    };
    const rules = computeRules({ spec: { rules: [declared] } });
    expect(rules[0]).toBe(declared);
    (rules[1].match as JsonObject).any = [];
    expect(declared.match.any).toHaveLength(1);
  });
});
