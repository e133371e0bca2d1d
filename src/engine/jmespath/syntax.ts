// Parsing: Kyverno's JMESPath grammar is go-jmespath's, read through jmespath-community's parser.
import { compile } from '@jmespath-community/jmespath';
import { JmesPathSyntaxError } from './errors.js';
import { normalizeRawStrings } from './raw-strings.js';

/** The parser's AST node type (the library does not export the name). */
export type AstNode = ReturnType<typeof compile>;

/** Parses an expression; community-only nodes are rejected later by the evaluator builder. */
export function parseExpression(expression: string): AstNode {
  const source = normalizeRawStrings(expression);
  try {
    return compile(source);
  } catch (err) {
    throw syntaxError(expression, err instanceof Error ? err.message : String(err));
  }
}

/** A syntax error naming the expression. */
export function syntaxError(expression: string, problem: string): JmesPathSyntaxError {
  return new JmesPathSyntaxError(`invalid JMESPath expression "${expression}": ${problem}`);
}
