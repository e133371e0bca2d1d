// Kyverno: spec §5.3 "Format" — the Kubernetes format library: format.<name>() and f.validate(s).
import { Optional, type Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import {
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  labelValue,
  maskTrailingDash,
  qualifiedName,
} from './name-validation.js';
import { CelOpaque, celNamespace } from './runtime.js';
import { parseRequestUri } from './url-parse.js';

const FORMAT_TYPE = 'kubernetes.NamedFormat';

/** A named string format; `==` compares names. */
export class FormatValue extends CelOpaque {
  constructor(
    readonly name: string,
    readonly validate: (s: string) => string[],
  ) {
    super();
  }

  override celEquals(other: CelOpaque): boolean {
    return other instanceof FormatValue && other.name === this.name;
  }
}

const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A real calendar date `YYYY-MM-DD` (Go `time.Parse("2006-01-02")`). */
function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** An RFC 3339 date-time with a valid date and clock. */
function isDateTime(s: string): boolean {
  const m = DATETIME.exec(s);
  return m !== null && isDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 60;
}

function check(ok: (s: string) => boolean, message: string): (s: string) => string[] {
  return (s) => (ok(s) ? [] : [message]);
}

/** Kubernetes' ConstantFormats, by their CEL function names. */
export const NAMED_FORMATS: Readonly<Record<string, FormatValue>> = {
  dns1123Label: new FormatValue('DNS1123Label', dns1123Label),
  dns1123Subdomain: new FormatValue('DNS1123Subdomain', dns1123Subdomain),
  dns1035Label: new FormatValue('DNS1035Label', dns1035Label),
  qualifiedName: new FormatValue('QualifiedName', qualifiedName),
  dns1123LabelPrefix: new FormatValue('DNS1123LabelPrefix', (s) => dns1123Label(maskTrailingDash(s))),
  dns1123SubdomainPrefix: new FormatValue('DNS1123SubdomainPrefix', (s) => dns1123Subdomain(maskTrailingDash(s))),
  dns1035LabelPrefix: new FormatValue('DNS1035LabelPrefix', (s) => dns1035Label(maskTrailingDash(s))),
  labelValue: new FormatValue('LabelValue', labelValue),
  uri: new FormatValue('URI', (s) => {
    const u = parseRequestUri(s);
    return 'error' in u ? [u.error] : [];
  }),
  uuid: new FormatValue(
    'uuid',
    check((s) => UUID.test(s), 'does not match the UUID format'),
  ),
  byte: new FormatValue(
    'byte',
    check((s) => BASE64.test(s), 'invalid base64'),
  ),
  date: new FormatValue('date', check(isDate, 'invalid date')),
  datetime: new FormatValue('datetime', check(isDateTime, 'invalid datetime')),
};

/** `f.validate(s)`: none when valid, otherwise the list of Kubernetes validation messages. */
export function validate(f: FormatValue, s: string): Optional<string[]> {
  const errs = f.validate(s);
  return errs.length === 0 ? Optional.none() : Optional.of(errs);
}

function register(env: Environment): void {
  const F = FORMAT_TYPE;
  const ns = celNamespace(env, 'format');
  env.registerType(F, FormatValue);
  env.registerOperator(`${F} == ${F}`, (a: FormatValue, b: FormatValue) => a.celEquals(b));
  for (const [name, format] of Object.entries(NAMED_FORMATS))
    env.registerFunction(`${ns}.${name}(): ${F}`, () => format);
  env.registerFunction(`${ns}.named(string): optional<${F}>`, (_ns: unknown, name: string) =>
    Object.hasOwn(NAMED_FORMATS, name) ? Optional.of(NAMED_FORMATS[name]) : Optional.none(),
  );
  env.registerFunction(`${F}.validate(string): optional<list<string>>`, validate);
}

/** Kubernetes format library. */
export const formatLibrary: CelLibrary = { name: 'kubernetes.format', register };
