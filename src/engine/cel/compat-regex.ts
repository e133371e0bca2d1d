// Kyverno: kyverno-cel-semantics §5.1 "Strings" — `matches` uses RE2 syntax and is true when any
// substring matches. cel-js uses JS RegExp (no `(?i)`, different classes), so `matches` is
// replaced by an RE2 (re2js) implementation; a constant pattern is validated at compile time.
import { EvaluationError, type ASTNode, type Environment } from '@marcbachmann/cel-js';
import { compileGoRegexp, goRegexpMatch } from '../primitives/go-regexp.js';
import type { MacroCall, MacroChecker, MacroDefinition } from './macro-internals.js';
import { COMPAT_RECEIVER } from './compat-receiver.js';
import { matchesText } from './go-error-text.js';
import { typeName } from './lib/equality.js';

interface MatchesMacro extends MacroDefinition {
  readonly ast: ASTNode;
  readonly text: ASTNode;
  readonly pattern: ASTNode;
}

/**
 * RE2 unanchored match; throws EvaluationError on a bad pattern or non-string operands (worded as cel-go does,
 * which depends on whether the pattern is a literal: `constantPattern`).
 */
export function re2Matches(text: unknown, pattern: unknown, node?: ASTNode, constantPattern = false): boolean {
  if (typeof text !== 'string' || typeof pattern !== 'string') {
    throw new EvaluationError(matchesText(typeName(text), constantPattern), node);
  }
  try {
    return goRegexpMatch(compileGoRegexp(pattern), text);
  } catch (err) {
    throw new EvaluationError(`invalid regular expression ${JSON.stringify(pattern)}: ${String(err)}`, node);
  }
}

function checkStringArg(chk: MacroChecker, node: ASTNode, ctx: unknown): void {
  const t = chk.check(node, ctx);
  if (t.kind === 'dyn' || t.name === 'string') return;
  throw chk.createError('no_matching_overload', `found no matching overload for 'matches' with '${t.name}'`, node);
}

function checkConstantPattern(chk: MacroChecker, node: ASTNode): void {
  if (node.op !== 'value' || typeof node.args !== 'string') return;
  try {
    compileGoRegexp(node.args);
  } catch (err) {
    throw chk.createError('invalid_regex', `invalid regular expression: ${String(err)}`, node);
  }
}

/** `text.matches(pattern)` and `matches(text, pattern)`. */
function expandMatches({ ast, receiver, args }: MacroCall): MatchesMacro {
  const [text, pattern] = receiver == null ? args : [receiver, args[0]];
  return {
    ast,
    text,
    pattern,
    async: false,
    typeCheck(chk, m, ctx) {
      checkStringArg(chk, m.text, ctx);
      checkStringArg(chk, m.pattern, ctx);
      checkConstantPattern(chk, m.pattern);
      return chk.getType('bool');
    },
    evaluate: (ev, m, ctx) => re2Matches(ev.run(m.text, ctx), ev.run(m.pattern, ctx), m.ast, m.pattern.op === 'value'),
  };
}

/** Registers RE2 `s.matches(re)` (replacing the built-in for every receiver) and `matches(s, re)`. */
export function registerRegexCompat(env: Environment): void {
  env.registerFunction(`${COMPAT_RECEIVER}.matches(ast): bool`, expandMatches);
  env.registerFunction('matches(ast, ast): bool', expandMatches);
}
