// Load-time checks of a rule's expressions, anchors, operators and podSecurity block.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import type { JsonPath } from '../result/location.js';
import { isCanonicalOperator } from '../conditions/operators.js';
import { findUnknownAnchors } from '../pattern/anchor.js';
import { checkPodSecuritySpec } from '../podsecurity/index.js';
import { checkGenerateRule } from '../generate/index.js';
import type { QueryCache } from '../context/query-cache.js';
import { JmesPathSyntaxError } from '../jmespath/index.js';
import type { PolicyProblem } from '../policy/check-policy.js';

const VARIABLE = /\{\{-?((?:\{[^{}]*\}|[^{}])*)\}\}/g;

/** Problems in one rule's content: bad JMESPath, unknown anchors, unknown operators, bad podSecurity. */
export function checkRuleContent(rule: JsonObject, at: JsonPath, queries: QueryCache): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  walkStrings(rule, at, (s, path) => {
    for (const m of s.matchAll(VARIABLE)) {
      if (m.index > 0 && s[m.index - 1] === '\\') continue;
      const expr = m[1].trim().replace(/^-/, '').trim();
      if (expr === '@') continue; // rewritten per field at evaluation time
      tryCompile(expr, path, queries, out);
    }
  });
  forEachForeach(rule, at, (fe, path) => {
    if (typeof fe.list === 'string' && !fe.list.includes('{{')) tryCompile(fe.list, [...path, 'list'], queries, out);
  });
  forEachConditions(rule, at, (c, path) => {
    if (typeof c.operator !== 'string' || !isCanonicalOperator(c.operator))
      out.push({
        code: 'condition/unknown-operator',
        path: [...path, 'operator'],
        message: `unknown condition operator "${String(c.operator)}"`,
      });
  });
  if (rule.generate !== undefined)
    for (const p of checkGenerateRule(rule.generate))
      out.push({ code: 'policy/generate', path: [...at, 'generate', ...p.path], message: p.message });
  const v = isObject(rule.validate) ? rule.validate : undefined;
  if (v) {
    for (const key of ['pattern', 'anyPattern'] as const) {
      if (v[key] === undefined) continue;
      for (const a of findUnknownAnchors(v[key], [...at, 'validate', key]))
        out.push({ code: 'pattern/unknown-anchor', path: a.path, message: a.message });
    }
    // Kyverno: kyverno-cel-semantics §1.2 — a validate.cel rule may not declare context entries.
    if (v.cel !== undefined && v.cel !== null && Array.isArray(rule.context) && rule.context.length > 0)
      out.push({
        code: 'policy/cel-context',
        path: [...at, 'context'],
        message: 'context entries are not supported in validate.cel rules',
      });
    if (v.podSecurity !== undefined)
      for (const p of checkPodSecuritySpec(v.podSecurity))
        out.push({
          code: 'policy/pod-security',
          path: [...at, 'validate', 'podSecurity', ...p.path],
          message: p.message,
        });
  }
  return out;
}

function tryCompile(expr: string, path: JsonPath, queries: QueryCache, out: PolicyProblem[]): void {
  try {
    queries.get(expr);
  } catch (e) {
    out.push({
      code: 'jmespath/syntax',
      path,
      // A syntax error names the expression itself; anything else is wrapped once.
      message:
        e instanceof JmesPathSyntaxError ? e.message : `invalid JMESPath expression "${expr}": ${(e as Error).message}`,
    });
  }
}

function walkStrings(v: JsonValue, path: JsonPath, visit: (s: string, path: JsonPath) => void): void {
  if (typeof v === 'string') visit(v, path);
  else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, [...path, i], visit));
  else if (isObject(v))
    for (const [k, x] of Object.entries(v)) {
      if (k.includes('{{')) visit(k, [...path, k]);
      walkStrings(x, [...path, k], visit);
    }
}

function forEachForeach(v: JsonValue, path: JsonPath, visit: (fe: JsonObject, path: JsonPath) => void): void {
  if (Array.isArray(v)) v.forEach((x, i) => forEachForeach(x, [...path, i], visit));
  else if (isObject(v))
    for (const [k, x] of Object.entries(v)) {
      if (k === 'foreach' && Array.isArray(x)) x.forEach((fe, i) => isObject(fe) && visit(fe, [...path, k, i]));
      forEachForeach(x, [...path, k], visit);
    }
}

function forEachConditions(v: JsonValue, path: JsonPath, visit: (c: JsonObject, path: JsonPath) => void): void {
  if (Array.isArray(v)) return v.forEach((x, i) => forEachConditions(x, [...path, i], visit));
  if (!isObject(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'preconditions' || k === 'conditions') visitBlock(x, [...path, k], visit);
    else forEachConditions(x, [...path, k], visit);
  }
}

function visitBlock(block: JsonValue, path: JsonPath, visit: (c: JsonObject, path: JsonPath) => void): void {
  const lists: [JsonValue, JsonPath][] = Array.isArray(block)
    ? [[block, path]]
    : isObject(block)
      ? (['any', 'all'] as const).map((k) => [block[k] ?? [], [...path, k]])
      : [];
  for (const [list, p] of lists) if (Array.isArray(list)) list.forEach((c, i) => isObject(c) && visit(c, [...p, i]));
}
