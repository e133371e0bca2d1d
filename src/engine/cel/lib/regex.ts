// Kyverno: spec §5.3 "Regex" — Kubernetes find/findAll and cel-go regex.replace/extract/extractAll, with RE2 semantics.
import { Optional, type Environment } from '@marcbachmann/cel-js';
import type { RE2JS } from 're2js';
import { compileGoRegexp } from '../../primitives/go-regexp.js';
import type { CelLibrary } from '../library.js';
import { celError, celNamespace } from './runtime.js';

/** Compiles an RE2 pattern; a bad pattern is a CEL error. */
function compile(pattern: string): RE2JS {
  try {
    return compileGoRegexp(pattern);
  } catch (e) {
    throw celError(`given regex is invalid: ${(e as Error).message}`);
  }
}

/** One match: its bounds and its groups (group 0 is the whole match; an unmatched group is ""). */
interface Match {
  start: number;
  end: number;
  groups: string[];
}

/** Width of the character at `i` (2 for a surrogate pair), for stepping past an empty match. */
function charWidth(s: string, i: number): number {
  return (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
}

/** Go `FindAllStringSubmatchIndex(s, n)`: successive matches; an empty match right after a match is skipped. */
export function findAllMatches(re: RE2JS, s: string, n = -1): Match[] {
  const out: Match[] = [];
  const m = re.matcher(s);
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length && m.find(pos)) {
    const [start, end] = [m.start(), m.end()];
    if (!(start === end && start === prevEnd)) {
      out.push({ start, end, groups: Array.from({ length: m.groupCount() + 1 }, (_, g) => m.group(g) ?? '') });
      prevEnd = end;
    }
    pos = end > start ? end : end + charWidth(s, end);
  }
  return out;
}

/** Kubernetes `s.find(re)`: the first match, or "". */
export function find(s: string, pattern: string): string {
  return findAllMatches(compile(pattern), s, 1)[0]?.groups[0] ?? '';
}

/** Kubernetes `s.findAll(re[, n])`: all matches (at most `n` when `n >= 0`). */
export function findAll(s: string, pattern: string, n: bigint): string[] {
  return findAllMatches(compile(pattern), s, n < 0n ? -1 : Number(n)).map((m) => m.groups[0]);
}

function expandReplacement(template: string, groups: string[]): string {
  let out = '';
  const chars = [...template];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '\\') {
      out += chars[i];
      continue;
    }
    const next = chars[++i];
    if (next === undefined) throw celError(`invalid replacement string: '${template}' \\ not allowed at end`);
    if (next === '\\') out += '\\';
    else if (!/^[0-9]$/.test(next))
      throw celError(`invalid replacement string: '${template}' \\ must be followed by a digit or \\`);
    else if (Number(next) >= groups.length)
      throw celError(`replacement string references group ${next} but regex has only ${groups.length - 1} group(s)`);
    else out += groups[Number(next)];
  }
  return out;
}

/** cel-go `regex.replace(s, re, repl[, n])`: `\1`…`\9` insert groups, `\\` a backslash; `n < 0` replaces all. */
export function regexReplace(s: string, pattern: string, replacement: string, n: bigint): string {
  if (n === 0n) return s;
  let out = '';
  let last = 0;
  for (const m of findAllMatches(compile(pattern), s, n < 0n ? -1 : Number(n))) {
    out += s.slice(last, m.start) + expandReplacement(replacement, m.groups);
    last = m.end;
  }
  return out + s.slice(last);
}

function singleGroup(re: RE2JS, pattern: string): void {
  if (re.groupCount() > 1) throw celError(`regular expression has more than one capturing group: "${pattern}"`);
}

/** cel-go `regex.extract(s, re)`: the first match (or its only group); none when absent or the group is empty. */
export function regexExtract(s: string, pattern: string): Optional<string> {
  const re = compile(pattern);
  singleGroup(re, pattern);
  const match = findAllMatches(re, s, 1)[0]?.groups;
  if (match === undefined) return Optional.none();
  const value = match.length > 1 ? match[1] : match[0];
  return match.length > 1 && value === '' ? Optional.none() : Optional.of(value);
}

/** cel-go `regex.extractAll(s, re)`: every match (or its non-empty group). */
export function regexExtractAll(s: string, pattern: string): string[] {
  const re = compile(pattern);
  singleGroup(re, pattern);
  const matches = findAllMatches(re, s).map((m) => m.groups);
  if (re.groupCount() === 0) return matches.map((g) => g[0]);
  return matches.map((g) => g[1]).filter((g) => g !== '');
}

function register(env: Environment): void {
  env.registerFunction('string.find(string): string', find);
  env.registerFunction('string.findAll(string): list<string>', (s: string, p: string) => findAll(s, p, -1n));
  env.registerFunction('string.findAll(string, int): list<string>', findAll);
  const ns = celNamespace(env, 'regex');
  env.registerFunction(`${ns}.replace(string, string, string): string`, (_: unknown, s: string, p: string, r: string) =>
    regexReplace(s, p, r, -1n),
  );
  env.registerFunction(
    `${ns}.replace(string, string, string, int): string`,
    (_: unknown, s: string, p: string, r: string, n: bigint) => regexReplace(s, p, r, n),
  );
  env.registerFunction(`${ns}.extract(string, string): optional<string>`, (_: unknown, s: string, p: string) =>
    regexExtract(s, p),
  );
  env.registerFunction(`${ns}.extractAll(string, string): list<string>`, (_: unknown, s: string, p: string) =>
    regexExtractAll(s, p),
  );
}

/** Kubernetes regex (find, findAll) and cel-go ext.Regex (regex.replace, regex.extract, regex.extractAll). */
export const regexLibrary: CelLibrary = { name: 'ext.regex', register };
