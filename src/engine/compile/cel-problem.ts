// A CEL compile error of a rule as a policy problem: rule name, field path and the error's position.
import type { JsonObject } from '../json.js';
import { formatJsonPath, type JsonPath } from '../result/location.js';
import type { PolicyProblem } from '../policy/check-policy.js';
import type { CelRuleProblem } from './compile-validate-cel.js';

/** `rule <name>: spec.rules[0].validate.cel.expressions[1].expression: CEL compile error at column 12: …`. */
export function celProblem(rule: JsonObject, ruleAt: JsonPath, p: CelRuleProblem): PolicyProblem {
  const path = [...ruleAt, ...p.path];
  const { line, column, message } = p.error;
  const where =
    column === undefined
      ? ''
      : line !== undefined && line > 1
        ? ` at line ${line}, column ${column}`
        : ` at column ${column}`;
  return {
    code: `cel/${p.error.kind}`,
    path,
    message: `rule ${String(rule.name ?? '')}: ${formatJsonPath(path)}: CEL compile error${where}: ${message}`,
  };
}
