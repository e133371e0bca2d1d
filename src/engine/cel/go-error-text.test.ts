import { describe, expect, it } from 'vitest';
import { compileCel } from './compile.js';
import { celEnvironmentFor } from './environments.js';
import { evaluateCel } from './evaluate.js';
import { NO_SUCH_OVERLOAD, goErrorText, goQuote, goTypeName } from './go-error-text.js';
import { kyvernoHandles } from './kyverno/handles.js';
import { toCelValue } from './values.js';

// What Kyverno v1.19.1 (cel-go v0.30.0) reports for each expression: `kyverno apply policy.yaml -r pod.yaml
// --policy-report --output-format json` with a ValidatingPolicy whose only validation is the expression, against
// POD. A string is the result's message without Kyverno's `error: ` prefix; a boolean is the expression's value.
const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'test-pod',
    namespace: 'default',
    labels: { app: 'web' },
    annotations: {
      empty: '',
      num: '5',
      plus5: '+5',
      neg5: '-5',
      bin: '0b101',
      hex: '0x1F',
      hexup: '0X1F',
      spaced: ' 5',
      under: '1_000',
      big: '99999999999999999999',
      dot5: '.5',
      fivedot: '5.',
      inf: 'Infinity',
      nanv: 'NaN',
      hexf: '0x1p-2',
      tee: 'T',
      exp: '1e3',
      huge: '1e400',
      negzero: '-0',
    },
  },
  spec: {
    maxUnavailable: '',
    nothing: null,
    count: 3,
    ratio: 1.5,
    flag: true,
    items: [],
    names: ['a', 'b'],
    obj: {},
    containers: [{ name: 'nginx', image: 'nginx:1.25' }],
  },
};

const KYVERNO: readonly (readonly [expression: string, outcome: string | boolean])[] = [
  // Missing keys and list indexes (interpreter/attributes.go, list.go IndexOrError).
  ['object.spec.foo == 1', 'no such key: foo'],
  ["object.spec.names[5] == 'a'", 'index out of bounds: 5'],
  ["object.spec.names[-1] == 'a'", 'index out of bounds: -1'],
  ["object.spec.items[0] == 'a'", 'index out of bounds: 0'],
  ["object.metadata.labels['zzz'] == 'a'", 'no such key: zzz'],
  ['object.spec.nothing[0] == 1', 'no such key: 0'],
  ["object.spec.maxUnavailable[0] == 'a'", 'no such key: 0'],
  ['object.spec.obj[1] == 1', 'no such key: 1'],
  ["object.spec.names[object.spec.count] == 'a'", 'index out of bounds: 3'],
  ['object.spec.nothing.foo == 1', 'no such key: foo'],
  ['object.metadata.name.foo == 1', 'no such key: foo'],
  ['object.spec.count.foo == 1', 'no such key: foo'],
  ["object.spec.names[object.spec.ratio] == 'a'", 'unsupported index value 1.5 in list'],
  ["object.spec.names[object.spec.count - 1.5] == 'b'", 'unsupported index value 1.5 in list'],
  ["object.spec.names[1.0 * object.spec.count] == 'a'", 'index out of bounds: 3'],
  ["{'a': object.spec.count}.b == 1", 'no such key: b'],
  ['object.spec.obj.a.b == 1', 'no such key: a'],
  ['object.spec.containers[0].foo == 1', 'no such key: foo'],
  // Comprehension ranges: `%T` of the value (interpreter evalFold), two-variable forms (ext comprehensions).
  ['object.spec.nothing.all(x, x == 1)', "got 'types.Null', expected iterable type"],
  ['object.spec.maxUnavailable.all(x, x == 1)', "got 'types.String', expected iterable type"],
  ['object.spec.count.all(x, x == 1)', "got 'types.Double', expected iterable type"],
  ['object.spec.ratio.all(x, x == 1)', "got 'types.Double', expected iterable type"],
  ['object.spec.flag.all(x, x == 1)', "got 'types.Bool', expected iterable type"],
  ['object.spec.nothing.exists(x, true)', "got 'types.Null', expected iterable type"],
  ['object.spec.nothing.map(x, x) == []', "got 'types.Null', expected iterable type"],
  ["dyn(b'abc').all(x, true)", "got 'types.Bytes', expected iterable type"],
  ['dyn(uint(object.spec.count)).all(x, true)', "got 'types.Uint', expected iterable type"],
  ['dyn(size(object.spec.names)).all(x, true)', "got 'types.Int', expected iterable type"],
  ["dyn(timestamp('2020-01-01T00:00:00Z')).all(x, true)", "got 'types.Timestamp', expected iterable type"],
  ["dyn(duration('1s')).all(x, true)", "got 'types.Duration', expected iterable type"],
  ['dyn(optional.none()).all(x, true)', "got '*types.Optional', expected iterable type"],
  ['dyn(type(1)).all(x, true)', "got '*types.Type', expected iterable type"],
  ["dyn(quantity('1')).all(x, true)", "got 'cel.Quantity', expected iterable type"],
  ["dyn(image('nginx')).all(x, true)", "got 'image.Image', expected iterable type"],
  ['object.spec.nothing.all(k, v, true)', 'unsupported comprehension range type: types.Null'],
  ['object.metadata.name.exists(i, v, true)', 'unsupported comprehension range type: types.String'],
  ["dyn(b'a').all(i, v, true)", 'unsupported comprehension range type: types.Bytes'],
  ['object.spec.nothing.transformList(i, v, v) == []', 'unsupported comprehension range type: types.Null'],
  ['object.spec.nothing.transformMap(k, v, v) == {}', 'unsupported comprehension range type: types.Null'],
  // Comprehensions run over every element (interpreter evalFold): map and transforms keep their first error, a
  // failing filter predicate (filter, exists_one, existsOne, the filtered forms) replaces an earlier one.
  ["[{'b': 1}, {'a': 1}, {'a': 2, 'b': 2}].filter(x, (has(x.b) ? x.a : x.b) == 1).size() == 1", 'no such key: b'],
  ["[{'a': 1}, {'b': 1}].filter(x, (has(x.b) ? x.a : x.b) == 1).size() == 1", 'no such key: a'],
  ["[{'b': 1}, {'a': 1}].map(x, has(x.b) ? x.a : x.b).size() == 2", 'no such key: a'],
  ["[{'a': 1}, {'b': 1}].map(x, x.a == 1, x.c).size() == 0", 'no such key: a'],
  ["[{'b': 1}, {'a': 1}].exists_one(x, (has(x.b) ? x.a : x.b) == 1)", 'no such key: b'],
  ["[{'b': 1}, {'a': 1}].existsOne(i, x, (has(x.b) ? x.a : x.b) == 1)", 'no such key: b'],
  ["[{'b': 1}, {'a': 1}].transformList(i, x, (has(x.b) ? x.a : x.b) == 1, i).size() == 0", 'no such key: b'],
  ["[{'b': 1}, {'a': 1}].transformList(i, x, has(x.b) ? x.a : x.b).size() == 2", 'no such key: a'],
  ["[{'b': 1}, {'a': 1}].transformMap(i, x, (has(x.b) ? x.a : x.b) == 1, i).size() == 0", 'no such key: b'],
  ["[{'b': 1}, {'a': 1}].all(x, (has(x.b) ? x.a : x.b) == 1)", 'no such key: a'],
  // Kubernetes indexOf/lastIndexOf: any list, any value, CEL equality; the receiver's error comes first.
  ['object.spec.containers.indexOf(object.spec.containers[0]) == 0', true],
  ['[object.spec.nothing, object.spec.count].indexOf(object.spec.count) == 1', true],
  ['object.spec.names.indexOf(object.spec.count) == -1', true],
  ['[object.spec.obj, object.spec.containers[0]].lastIndexOf(object.spec.containers[0]) == 1', true],
  ['object.spec.nothing.indexOf(object.spec.obj) == 0', 'no such overload: indexOf(null_type, map)'],
  ['object.spec.foo.indexOf(object.spec.bar) == 0', 'no such key: foo'],
  // Operators: the left operand's trait decides between the bare text and the function name.
  ['object.spec.maxUnavailable > 1', 'no such overload'],
  ['object.spec.nothing + [1] == []', 'no such overload: _+_'],
  ['object.spec.maxUnavailable - 1 == 0', 'no such overload'],
  ['object.spec.nothing - 1 == 0', 'no such overload: _-_'],
  ['object.spec.obj + 1 == 0', 'no such overload: _+_'],
  ['object.spec.flag + 1 == 0', 'no such overload: _+_'],
  ['object.spec.flag < 1', 'no such overload'],
  ["object.spec.count + 'a' == 'a'", 'no such overload'],
  ['object.spec.obj < 1', 'no such overload: _<_'],
  ['object.spec.nothing <= 1', 'no such overload: _<=_'],
  ['object.spec.nothing >= 1', 'no such overload: _>=_'],
  ['object.spec.nothing > 1', 'no such overload: _>_'],
  ['object.spec.count % 2 == 0', 'no such overload: _%_'],
  ['object.spec.maxUnavailable * 2 == 0', 'no such overload'],
  ['object.spec.maxUnavailable / 2 == 0', 'no such overload'],
  ['object.spec.maxUnavailable % 2 == 0', 'no such overload'],
  ['object.spec.nothing * 2 == 0', 'no such overload: _*_'],
  ['object.spec.nothing / 2 == 0', 'no such overload: _/_'],
  ['object.spec.nothing % 2 == 0', 'no such overload: _%_'],
  ['-object.spec.maxUnavailable == 0', 'no such overload'],
  ['-object.spec.nothing == 0', 'no such overload: -_'],
  ['-object.spec.flag == false', 'no such overload'],
  ['-object.spec.obj == false', 'no such overload: -_'],
  ['!object.spec.maxUnavailable', 'no such overload'],
  ['!object.spec.nothing', 'no such overload'],
  ['1 in object.spec.nothing', 'no such overload'],
  ['object.spec.count in object.spec.maxUnavailable', 'no such overload'],
  ['object.spec.names.size() > object.spec.maxUnavailable', 'no such overload'],
  ["-dyn(timestamp('2020-01-01T00:00:00Z')) == 0", 'no such overload'],
  ['-dyn(uint(object.spec.count)) == 0', 'no such overload: -_'],
  ["dyn(timestamp('2020-01-01T00:00:00Z')) * 2 == 0", 'no such overload'],
  ["dyn(quantity('1')) + 1 == 0", 'no such overload: _+_'],
  ['dyn(optional.none()) + 1 == 0', 'no such overload: _+_'],
  ['dyn(1u) + 1 == 2', 'no such overload'],
  ['-object.spec.names == []', 'no such overload: -_'],
  // Logical operators, conditionals and predicates: the left (first) failure wins, non-bool is the bare text.
  ["object.spec.group.contains('*') && object.spec.kind.contains('*')", 'no such key: group'],
  ["object.spec.group.contains('*') || object.spec.kind.contains('*')", 'no such key: group'],
  ['object.spec.maxUnavailable ? true : false', 'no such overload'],
  ['object.spec.nothing ? true : false', 'no such overload'],
  ['object.spec.maxUnavailable && true', 'no such overload'],
  ['true && object.spec.maxUnavailable', 'no such overload'],
  ['object.spec.nothing || false', 'no such overload'],
  ['object.spec.names.all(x, dyn(x))', 'no such overload'],
  ['object.spec.names.exists(x, dyn(x))', 'no such overload'],
  ['object.spec.names.exists_one(x, dyn(x))', 'no such overload'],
  ['object.spec.names.filter(x, dyn(x)) == []', 'no such overload'],
  ['object.spec.names.map(x, dyn(x), x) == []', 'no such overload'],
  ['object.spec.names.all(i, v, dyn(v))', 'no such overload'],
  ['object.spec.names.exists(i, v, dyn(v))', 'no such overload'],
  ['object.spec.names.transformList(i, v, dyn(v), v) == []', 'no such overload'],
  ['object.spec.maxUnavailable && object.spec.foo', 'no such overload'],
  ['object.spec.foo || object.spec.maxUnavailable', 'no such key: foo'],
  ['object.spec.foo && false', false],
  ['true && object.spec.foo && object.spec.bar', 'no such key: foo'],
  ['object.spec.foo || object.spec.bar || true', true],
  ['object.spec.maxUnavailable || object.spec.foo', 'no such overload'],
  ['!(object.spec.foo && object.spec.bar)', 'no such key: foo'],
  ['object.spec.containers.exists(c, c.securityContext.privileged)', 'no such key: securityContext'],
  ['object.spec.containers.all(c, c.image.startsWith(object.spec.nothing))', 'no such overload'],
  // Function dispatch: `no such overload: fn(receiver and argument types)`, with the exceptions of CALL_RULES.
  ["object.spec.nothing.upperAscii() == ''", 'no such overload: upperAscii(null_type)'],
  ['int(object.spec.nothing) > 0', 'no such overload: int(null_type)'],
  ['size(object.spec.nothing) == 0', 'no such overload: size'],
  ['object.spec.nothing.size() == 0', 'no such overload: size'],
  ['size(object.spec.flag) == 0', 'no such overload: size'],
  ['size(object.spec.count) == 0', 'no such overload: size'],
  ["object.spec.nothing.contains('a')", 'no such overload'],
  ["object.spec.nothing.startsWith('a')", 'no such overload'],
  ["object.spec.nothing.endsWith('a')", 'no such overload'],
  ["object.spec.count.contains('a')", 'no such overload'],
  ['object.metadata.name.contains(object.spec.count)', 'no such overload'],
  ["object.spec.nothing.lowerAscii() == ''", 'no such overload: lowerAscii(null_type)'],
  ["object.spec.nothing.join(',') == ''", 'no such overload: join(null_type, string)'],
  ['object.metadata.name.split(object.spec.count) == []', 'no such overload: split(string, double)'],
  ["string(object.spec.nothing) == ''", 'no such overload: string(null_type)'],
  ["string(object.spec.obj) == ''", 'no such overload: string(map)'],
  ['double(object.spec.nothing) > 0.0', 'no such overload: double(null_type)'],
  ['bool(object.spec.count)', 'no such overload: bool(double)'],
  ['lists.range(object.spec.nothing) == []', 'no such overload: lists.range(null_type)'],
  ["strings.quote(object.spec.nothing) == ''", 'no such overload: strings.quote(null_type)'],
  ['sets.contains(object.spec.nothing, [])', 'no such overload: sets.contains(null_type, list)'],
  ['object.spec.nothing.isSorted()', 'no such overload: isSorted(null_type)'],
  ["string(object.spec.nothing.sum()) == ''", 'no such overload: sum(null_type)'],
  ["object.spec.nothing.indexOf('a') == 0", 'no such overload: indexOf(null_type, string)'],
  ["url(object.spec.nothing).getHost() == ''", 'no such overload: url(null_type)'],
  ['isURL(object.spec.nothing)', 'no such overload: isURL(null_type)'],
  ['quantity(object.spec.nothing).isInteger()', 'no such overload: quantity(null_type)'],
  ['isQuantity(object.spec.nothing)', 'no such overload: isQuantity(null_type)'],
  ['ip(object.spec.nothing).family() == 4', 'no such overload: ip(null_type)'],
  ['cidr(object.spec.nothing).prefixLength() == 4', 'no such overload: cidr(null_type)'],
  ['semver(object.spec.nothing).major() == 1', 'no such overload: semver(null_type)'],
  [
    'format.dns1123Label().validate(object.spec.nothing).hasValue()',
    'no such overload: validate(kubernetes.NamedFormat, null_type)',
  ],
  ['object.spec.nothing.getFullYear() == 1', 'no such overload: getFullYear(null_type)'],
  ["object.spec.nothing.charAt(0) == ''", 'no such overload: charAt(null_type, int)'],
  ["object.spec.nothing.replace('a', 'b') == ''", 'no such overload: replace(null_type, string, string)'],
  ["object.metadata.name.substring(object.spec.nothing) == ''", 'no such overload: substring(string, null_type)'],
  ['object.spec.nothing.hasValue()', 'no such overload: hasValue(null_type)'],
  ["base64.encode(object.spec.nothing) == ''", 'no such overload: base64.encode(null_type)'],
  ['object.spec.nothing.flatten() == []', 'no such overload: null_type.flatten()'],
  ['object.spec.nothing.slice(0, 1) == []', 'no such overload: slice(null_type, int, int)'],
  ["string(object.spec.nothing.size()) == ''", 'no such overload: size'],
  ['object.spec.obj.flatten() == []', 'no such overload: map(dyn, dyn).flatten()'],
  ['object.spec.count.flatten() == []', 'no such overload: double.flatten()'],
  ['object.metadata.name.flatten() == []', 'no such overload: string.flatten()'],
  ['object.spec.nothing.flatten(1) == []', 'no such overload: null_type.flatten(int)'],
  ["size(dyn(timestamp('2020-01-01T00:00:00Z'))) == 0", 'no such overload'],
  ['[object.spec.nothing, object.spec.count].min() == 1', 'no such overload: min(list)'],
  ['[object.spec.count, object.spec.nothing].max() == 1', 'no such overload'],
  ['[object.spec.obj, object.spec.obj].isSorted()', 'no such overload: isSorted(list)'],
  // Regular expressions: a literal pattern is compiled, its calls fail with the bare text.
  ["object.spec.obj.matches('x')", 'no such overload'],
  ['object.spec.obj.matches(object.metadata.name)', 'no such overload: matches'],
  ['object.spec.nothing.matches(object.metadata.name)', 'no such overload: matches'],
  ['object.metadata.name.matches(object.spec.count)', 'no such overload'],
  ["matches(object.spec.obj, 'x')", 'no such overload'],
  ["object.spec.nothing.find('a') == ''", 'no such overload'],
  ["object.spec.nothing.find(object.metadata.name) == ''", 'no such overload: find(null_type, string)'],
  ["object.spec.nothing.findAll('a') == []", 'no such overload'],
  ['object.spec.nothing.findAll(object.metadata.name) == []', 'no such overload: findAll(null_type, string)'],
  ["object.spec.nothing.findAll('a', 1) == []", 'no such overload'],
  ['matches(object.spec.obj, object.metadata.name)', 'no such overload: matches'],
  ["matches(object.spec.nothing, 'x')", 'no such overload'],
  // Kyverno's libraries: Go type names of its handles, namespaced names, its own argument conversion.
  ['image.GetMetadata(object.spec.nothing).size() > 0', 'no such overload: GetMetadata(imagedata.Context, null_type)'],
  ['image.getMetadata(object.spec.count).size() > 0', 'no such overload: getMetadata(imagedata.Context, double)'],
  ["image(object.spec.nothing).registry() == ''", 'no such overload: image(null_type)'],
  ["parseImageReference(object.spec.nothing).registry() == ''", 'no such overload: parseImageReference(null_type)'],
  ['isImage(object.spec.nothing)', 'no such overload: isImage(null_type)'],
  ['http.Get(object.spec.nothing) == null', 'no such overload: Get(http.Context, null_type)'],
  [
    "dyn(resource.ToGVR(object.spec.nothing, 'x')) == null",
    'no such overload: ToGVR(resource.Context, null_type, string)',
  ],
  [
    "globalContext.Get(object.spec.nothing, '') == null",
    'no such overload: Get(globalcontext.Context, null_type, string)',
  ],
  ['json.unmarshal(object.spec.nothing) == null', "type conversion error from 'null_type' to 'string'"],
  ['yaml.parse(object.spec.nothing) == null', 'no such overload: parse(yaml.Yaml, null_type)'],
  ["time.toCron(object.spec.nothing) == ''", 'no such overload: time.toCron(null_type)'],
  [
    "time.truncate(object.spec.nothing, duration('1h')) == time.now()",
    'no such overload: time.truncate(null_type, google.protobuf.Duration)',
  ],
  ['math.round(object.spec.nothing, 1) == 1.0', 'no such overload: math.round(null_type, int)'],
  ["sha256(object.spec.nothing) == ''", 'no such overload: sha256(null_type)'],
  ["hash.sha256(object.spec.nothing) == ''", 'no such overload: hash.sha256(null_type)'],
  ["random(object.spec.nothing) == ''", 'no such overload: random(null_type)'],
  ['x509.decode(object.spec.nothing) == null', 'no such overload: x509.decode(null_type)'],
  ["gzip.compress(object.spec.nothing) == b''", "type conversion error from 'null_type' to 'string'"],
  [
    "listObjToMap(object.spec.nothing, [], 'a', 'b') == {}",
    'no such overload: listObjToMap(null_type, list, string, string)',
  ],
  ['json.unmarshal(object.spec.count) == null', "type conversion error from Double to 'string'"],
  ['json.unmarshal(object.spec.names) == null', "type conversion error from list to 'string'"],
  ['json.unmarshal(object.spec.obj) == null', "type conversion error from map to 'string'"],
  ['json.unmarshal(object.spec.flag) == null', "type conversion error from bool to 'string'"],
  ["gzip.compress(object.spec.count) == b''", "type conversion error from Double to 'string'"],
  // ext.Math greatest/least (math.@max/@min).
  ['math.greatest(object.spec.nothing) == 1', 'no such overload: math.@max(null_type)'],
  ['math.least([object.spec.nothing]) == 1', 'no such overload: math.@min(list)'],
  ['math.greatest(object.spec.count, object.spec.nothing) == 1', 'no such overload: math.@max(double, null_type)'],
  ['math.greatest(object.spec.names) == 1', 'no such overload: math.@max(list)'],
  ['math.least(object.spec.nothing, object.spec.count) == 1', 'no such overload: math.@min(null_type, double)'],
  ['math.abs(object.spec.nothing) == 1', 'no such overload: math.abs(null_type)'],
  ['math.greatest(object.spec.items) == 1', 'math.@max(list) argument must not be empty'],
  ['math.greatest(object.spec.count, object.metadata.name) == 1', 'no such overload: math.@max(double, string)'],
  ['math.greatest(object.spec.count, object.spec.count, object.spec.nothing) == 1', 'no such overload: math.@max'],
  ['math.greatest(object.metadata.name) == 1', 'no such overload: math.@max(string)'],
  ['math.greatest([object.spec.count, object.metadata.name]) == 1', 'no such overload: math.@max'],
  ['math.least(object.spec.count, size(object.spec.names)) == 2', true],
  ['math.least(object.metadata.name, object.spec.count) == 1', 'no such overload: math.@min(string, double)'],
  // Conversions: Go strconv parsing, overflow checks (common/types ConvertToType, overflow.go).
  ['int(object.spec.?maxUnavailable.orValue(1)) > 0', "type conversion error from 'string' to 'int'"],
  ['int(object.metadata.name) > 0', "type conversion error from 'string' to 'int'"],
  ['uint(object.metadata.name) > 0u', "type conversion error from 'string' to 'uint'"],
  ['double(object.metadata.name) > 0.0', "type conversion error from 'string' to 'double'"],
  ['bool(object.metadata.name)', "type conversion error from 'string' to 'bool'"],
  [
    "duration(object.metadata.name) > duration('1s')",
    "type conversion error from 'string' to 'google.protobuf.Duration'",
  ],
  ["timestamp(object.metadata.name) > timestamp('2020-01-01T00:00:00Z')", 'invalid RFC 3339 timestamp "test-pod"'],
  ['int(object.spec.ratio * 1e300) > 0', 'integer overflow'],
  ['uint(-object.spec.ratio) > 0u', 'unsigned integer overflow'],
  ['int(object.spec.count) * 9223372036854775807 > 0', 'integer overflow'],
  ['int(object.spec.count) / 0 == 0', 'division by zero'],
  ['int(object.spec.count) % 0 == 0', 'modulus by zero'],
  ['int(object.metadata.annotations.empty) == 0', "type conversion error from 'string' to 'int'"],
  ['uint(object.metadata.annotations.empty) == 0u', "type conversion error from 'string' to 'uint'"],
  ['double(object.metadata.annotations.empty) == 0.0', "type conversion error from 'string' to 'double'"],
  ['bool(object.metadata.annotations.empty)', "type conversion error from 'string' to 'bool'"],
  ['int(object.metadata.annotations.plus5) == 5', true],
  ['uint(object.metadata.annotations.plus5) == 5u', "type conversion error from 'string' to 'uint'"],
  ['int(object.metadata.annotations.neg5) == -5', true],
  ['int(object.metadata.annotations.bin) == 5', "type conversion error from 'string' to 'int'"],
  ['int(object.metadata.annotations.hex) == 31', "type conversion error from 'string' to 'int'"],
  ['double(object.metadata.annotations.hex) == 31.0', "type conversion error from 'string' to 'double'"],
  ['double(object.metadata.annotations.hexup) == 31.0', "type conversion error from 'string' to 'double'"],
  ['int(object.metadata.annotations.spaced) == 5', "type conversion error from 'string' to 'int'"],
  ['int(object.metadata.annotations.under) == 1000', "type conversion error from 'string' to 'int'"],
  ['double(object.metadata.annotations.under) == 1000.0', true],
  ['int(object.metadata.annotations.big) == 0', "type conversion error from 'string' to 'int'"],
  ['uint(object.metadata.annotations.big) == 0u', "type conversion error from 'string' to 'uint'"],
  ['double(object.metadata.annotations.dot5) == 0.5', true],
  ['double(object.metadata.annotations.fivedot) == 5.0', true],
  ['double(object.metadata.annotations.inf) > 0.0', true],
  ['double(object.metadata.annotations.nanv) != 0.0', true],
  ['double(object.metadata.annotations.hexf) == 0.25', true],
  ['bool(object.metadata.annotations.tee)', true],
  ['double(object.metadata.annotations.exp) == 1000.0', true],
  ['int(object.metadata.annotations.exp) == 1000', "type conversion error from 'string' to 'int'"],
  ['double(object.metadata.annotations.huge) > 0.0', "type conversion error from 'string' to 'double'"],
  ['uint(object.metadata.annotations.negzero) == 0u', "type conversion error from 'string' to 'uint'"],
  ['int(object.metadata.annotations.negzero) == 0', true],
  ['uint(-object.spec.ratio / 3.0) == 0u', 'unsigned integer overflow'],
  ['uint(-size(object.spec.names)) == 0u', 'unsigned integer overflow'],
  ['int(uint(object.spec.count) * 4000000000000000000u) == 0', 'integer overflow'],
  ['int(object.spec.ratio * 1e18 * 6.2) == 0', 'integer overflow'],
  [
    "timestamp(object.metadata.annotations.empty) == timestamp('2020-01-01T00:00:00Z')",
    'invalid RFC 3339 timestamp ""',
  ],
  [
    "duration(object.metadata.annotations.empty) == duration('1s')",
    "type conversion error from 'string' to 'google.protobuf.Duration'",
  ],
  [
    "duration(object.metadata.annotations.num) == duration('1s')",
    "type conversion error from 'string' to 'google.protobuf.Duration'",
  ],
  ['dyn(18446744073709551615u) + dyn(1u) == 0u', 'unsigned integer overflow'],
  ['object.spec.count / 0.0 > 1.0', true],
  // Timestamps: strict RFC 3339 layout, then Go's time.Parse, then the range.
  [
    "timestamp(object.metadata.annotations.spaced) == timestamp('2020-01-01T00:00:00Z')",
    'invalid RFC 3339 timestamp " 5"',
  ],
  [
    "timestamp(object.metadata.name + '2021-02-30T00:00:00Z') == timestamp('2020-01-01T00:00:00Z')",
    'invalid RFC 3339 timestamp "test-pod2021-02-30T00:00:00Z"',
  ],
  [
    "timestamp(object.metadata.annotations.empty + '2021-02-30T00:00:00Z') == timestamp('2020-01-01T00:00:00Z')",
    "type conversion error from 'string' to 'google.protobuf.Timestamp'",
  ],
  [
    "timestamp(object.metadata.annotations.empty + '2020-12-31T23:59:60Z') == timestamp('2020-01-01T00:00:00Z')",
    "type conversion error from 'string' to 'google.protobuf.Timestamp'",
  ],
  [
    "timestamp(object.metadata.annotations.empty + '0000-01-01T00:00:00Z') == timestamp('2020-01-01T00:00:00Z')",
    'timestamp overflow',
  ],
  [
    "timestamp(object.metadata.annotations.empty + '2020-01-01 00:00:00Z') == timestamp('2020-01-01T00:00:00Z')",
    'invalid RFC 3339 timestamp "2020-01-01 00:00:00Z"',
  ],
  [
    "timestamp(object.metadata.annotations.empty + '2020-01-01t00:00:00.123456z') > timestamp('2020-01-01T00:00:00Z')",
    "type conversion error from 'string' to 'google.protobuf.Timestamp'",
  ],
  [
    "timestamp(object.metadata.annotations.empty + '2020-01-01T00:00:00+01:00') < timestamp('2020-01-01T00:00:00Z')",
    true,
  ],
  [
    "timestamp(object.metadata.annotations.empty + 'tab\\there') == timestamp('2020-01-01T00:00:00Z')",
    'invalid RFC 3339 timestamp "tab\\there"',
  ],
];

const env = celEnvironmentFor('ValidatingPolicy');
const activation = {
  ...kyvernoHandles({ clock: { now: () => new Date(0) } }),
  // Kyverno's CLI decodes resources from JSON: every number is a double.
  object: toCelValue(POD, { numbersAsDouble: true }),
  oldObject: null,
  namespaceObject: null,
  request: {},
  variables: {},
};

describe('CEL runtime errors are worded as Kyverno (cel-go) words them', () => {
  it.each(KYVERNO)('%s', (expression, outcome) => {
    const compiled = compileCel(env, expression, 'bool');
    if (!compiled.ok) throw new Error(`compile error: ${compiled.error.message}`);
    const result = evaluateCel(compiled.program, activation);
    expect(result).toEqual(typeof outcome === 'string' ? { ok: false, error: outcome } : { ok: true, value: outcome });
  });

  it('leaves cel-go text as it is (lazy variables rethrow translated errors)', () => {
    for (const [, outcome] of KYVERNO) if (typeof outcome === 'string') expect(goErrorText(outcome)).toBe(outcome);
  });
});

describe('goErrorText', () => {
  it.each([
    ['No such key: spec', 'no such key: spec'],
    ['No such key: index out of bounds, index 0 >= size undefined', 'index out of bounds: 0'],
    ['No such key: index out of bounds, index -2 < 0', 'index out of bounds: -2'],
    [
      "Expression of type 'null' cannot be range of a comprehension (must be list, map, or dynamic).",
      "got 'types.Null', expected iterable type",
    ],
    ["Expression of type 'kubernetes.URL' cannot be range of a comprehension (must be list, map, or dynamic).", null],
    ['no such overload: dyn<string> > int', NO_SUCH_OVERLOAD],
    ['no such overload: dyn<null> + dyn<list<dyn>>', 'no such overload: _+_'],
    ['no such overload: dyn<map<string, dyn>> >= int', 'no such overload: _>=_'],
    ["found no matching overload for 'null.upperAscii()'", 'no such overload: upperAscii(null_type)'],
    ["found no matching overload for 'int(null)'", 'no such overload: int(null_type)'],
    [
      "found no matching overload for 'kyverno.ImageData.GetMetadata(null)'",
      'no such overload: GetMetadata(imagedata.Context, null_type)',
    ],
    [
      "found no matching overload for 'string.split(map<string, list<int>>, int)'",
      'no such overload: split(string, map, int)',
    ],
    ['integer overflow: 27670116110564327421', 'integer overflow'],
    ['modulo by zero', 'modulus by zero'],
    ['some library error', null],
  ])('%s', (celJs, goText) => {
    expect(goErrorText(celJs)).toBe(goText ?? celJs);
  });

  it('tells literal regular expressions from computed ones by the call node', () => {
    const message = "found no matching overload for 'null.find(string)'";
    const call = (pattern: { op: string }) => ({ op: 'rcall', args: ['find', { op: 'id' }, [pattern]] });
    expect(goErrorText(message, call({ op: 'value' }))).toBe(NO_SUCH_OVERLOAD);
    expect(goErrorText(message, call({ op: 'id' }))).toBe('no such overload: find(null_type, string)');
  });
});

describe('goTypeName', () => {
  it.each([
    ['null', 'null_type'],
    ['dyn<list<int>>', 'list'],
    ['map<string, dyn>', 'map'],
    ['optional<dyn>', 'optional_type'],
    ['google.protobuf.Timestamp', 'google.protobuf.Timestamp'],
    ['kyverno.GVR', 'schema.GroupVersionResource'],
    ['kubernetes.Quantity', 'kubernetes.Quantity'],
  ])('%s', (celJs, go) => {
    expect(goTypeName(celJs)).toBe(go);
  });
});

describe('goQuote', () => {
  it.each([
    ['test-pod', '"test-pod"'],
    ['tab\there "q" \\', '"tab\\there \\"q\\" \\\\"'],
    ['\u0001\u00a0é😀', '"\\x01\\u00a0é😀"'],
  ])('%j', (s, quoted) => {
    expect(goQuote(s)).toBe(quoted);
  });
});
