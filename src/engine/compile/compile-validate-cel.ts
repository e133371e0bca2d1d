// Kyverno: kyverno-cel-semantics §1.4 — a `validate.cel` rule's CEL compiled once, with Kubernetes VAP type rules.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { celEnvironmentFor } from '../cel/environments.js';
import { compileCel, type CelExpectation, type CelProgram } from '../cel/compile.js';
import { compileSelector } from '../match/label-selector.js';
import type { CelCompileError } from '../cel/compile-error.js';
import type { JsonPath } from '../result/location.js';
import type {
  CelParamSource,
  CompiledCelExpression,
  CompiledCelPrecondition,
  CompiledCelValidation,
  CompiledValidateCel,
} from './compiled-validate-cel.js';

/** A compile error of one expression, at its path inside the rule (e.g. ['validate', 'cel', 'expressions', 1, 'expression']). */
export interface CelRuleProblem {
  readonly path: JsonPath;
  readonly error: CelCompileError;
}

/** What compiling one rule's CEL needs besides the rule. */
export interface CelCompileOptions {
  /** `status.validatingAdmissionPolicy.generated` of the policy. */
  readonly vapGenerated?: boolean;
  /** Receives every compile error; without it errors are only kept for evaluation. */
  readonly report?: (problem: CelRuleProblem) => void;
}

type Compile = (source: JsonValue | undefined, expect: CelExpectation, path: JsonPath) => CompiledCelExpression;

/** Compile `celPreconditions` and `validate.cel` of a rule; compile errors are reported and kept per expression. */
export function compileValidateCel(rule: JsonObject, options: CelCompileOptions = {}): CompiledValidateCel {
  const validate = isObject(rule.validate) ? rule.validate : {};
  const cel = isObject(validate.cel) ? validate.cel : {};
  const compile = expressionCompiler(options.report);
  const fallbackMessage = typeof validate.message === 'string' ? validate.message : '';
  return {
    preconditions: entries(rule.celPreconditions).map(([c, i]): CompiledCelPrecondition => ({
      name: String(c.name ?? ''),
      expression: compile(c.expression, 'bool', ['celPreconditions', i, 'expression']),
    })),
    variables: compileVariables(cel.variables, compile),
    validations: entries(cel.expressions).map(([e, i]) => compileValidation(e, i, fallbackMessage, compile)),
    auditAnnotations: entries(cel.auditAnnotations).map(([a, i]) => ({
      key: String(a.key ?? ''),
      value: compile(a.valueExpression, 'string-or-null', celPath('auditAnnotations', i, 'valueExpression')),
    })),
    params: paramSource(cel),
    vapGenerated: options.vapGenerated === true,
  };
}

function celPath(list: string, index: number, field: string): JsonPath {
  return ['validate', 'cel', list, index, field];
}

function entries(list: JsonValue | undefined): [JsonObject, number][] {
  return Array.isArray(list) ? list.map((v, i): [JsonObject, number] => [isObject(v) ? v : {}, i]) : [];
}

function expressionCompiler(report: CelCompileOptions['report']): Compile {
  const env = celEnvironmentFor('validate.cel');
  return (source, expect, path) => {
    const text = typeof source === 'string' ? source : '';
    const r = compileCel(env, text, expect);
    if (r.ok) return { source: text, program: r.program };
    report?.({ path, error: r.error });
    return { source: text, error: `compilation error: ${r.error.message}` };
  };
}

// Kyverno: §1.4 — an empty `message` takes `validate.message` before compiling.
function compileValidation(e: JsonObject, i: number, fallback: string, compile: Compile): CompiledCelValidation {
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : fallback;
  const messageExpression =
    typeof e.messageExpression === 'string' && e.messageExpression !== ''
      ? compile(e.messageExpression, 'string', celPath('expressions', i, 'messageExpression'))
      : undefined;
  return {
    expression: compile(e.expression, 'bool', celPath('expressions', i, 'expression')),
    message,
    messageExpression,
    reason: typeof e.reason === 'string' ? e.reason : undefined,
  };
}

function compileVariables(list: JsonValue | undefined, compile: Compile): Map<string, CelProgram> {
  const out = new Map<string, CelProgram>();
  for (const [v, i] of entries(list)) {
    const compiled = compile(v.expression, 'any', celPath('variables', i, 'expression'));
    if (compiled.program) out.set(String(v.name ?? ''), compiled.program);
  }
  return out;
}

// Kyverno: §1.6 — parameters are used only when both paramKind and paramRef are set.
function paramSource(cel: JsonObject): CelParamSource | undefined {
  const kind = cel.paramKind;
  const ref = cel.paramRef;
  if (!isObject(kind) || !isObject(ref)) return undefined;
  return {
    apiVersion: String(kind.apiVersion ?? ''),
    kind: String(kind.kind ?? ''),
    name: typeof ref.name === 'string' ? ref.name : '',
    namespace: typeof ref.namespace === 'string' ? ref.namespace : '',
    selector: isObject(ref.selector) ? compileSelector(ref.selector) : undefined,
    denyWhenMissing: ref.parameterNotFoundAction === 'Deny',
  };
}
