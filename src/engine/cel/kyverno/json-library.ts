// Kyverno `json` and `yaml` libraries (spec kyverno-cel-semantics §5.5 "json"/"yaml"): decoding yields doubles.
import type { Environment } from '@marcbachmann/cel-js';
import { parse as parseYaml } from 'yaml';
import type { CelLibrary } from '../library.js';
import type { JsonValue } from '../../json.js';
import { goJsonStringify } from '../../primitives/go-json.js';
import { KyvernoCelError, errorMessage } from './errors.js';
import { declareHandle } from './register.js';
import { fromCel, toCel } from './values.js';

/** The value bound to the `json` variable. */
export class JsonHandle {}
/** The value bound to the `yaml` variable. */
export class YamlHandle {}

function unmarshal(_: JsonHandle, text: string): unknown {
  try {
    return toCel(JSON.parse(text) as JsonValue, 'double');
  } catch (e) {
    throw new KyvernoCelError(`failed to unmarshal JSON: ${errorMessage(e)}`, { cause: e });
  }
}

function marshal(_: JsonHandle, value: unknown): string {
  try {
    // Kyverno: Go encoding/json — compact, map keys sorted.
    return goJsonStringify(fromCel(value));
  } catch (e) {
    throw new KyvernoCelError(`failed to marshal JSON: ${errorMessage(e)}`, { cause: e });
  }
}

function parseYamlText(_: YamlHandle, text: string): unknown {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new KyvernoCelError(`failed to parse YAML: ${errorMessage(e)}`, { cause: e });
  }
  // Kyverno §5.5: YAML goes through JSON, so numbers become doubles and an empty document is null.
  return toCel((JSON.parse(JSON.stringify(doc ?? null)) as JsonValue) ?? null, 'double');
}

function registerJson(env: Environment): void {
  declareHandle(env, 'json', 'kyverno.Json', JsonHandle);
  env.registerFunction('kyverno.Json.unmarshal(string): dyn', unmarshal);
  env.registerFunction('kyverno.Json.marshal(dyn): string', marshal);
}

function registerYaml(env: Environment): void {
  declareHandle(env, 'yaml', 'kyverno.Yaml', YamlHandle);
  env.registerFunction('kyverno.Yaml.parse(string): dyn', parseYamlText);
}

/** `json.unmarshal(string)` and `json.marshal(value)`. */
export const jsonLibrary: CelLibrary = { name: 'kyverno.json', register: registerJson };

/** `yaml.parse(string)`. */
export const yamlLibrary: CelLibrary = { name: 'kyverno.yaml', register: registerYaml };
