import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, isNode, parseAllDocuments, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.js';
import type { JsonPath } from '../result/location.js';
import { parseDocuments } from './documents.js';
import { DocumentLines, quickLocate } from './quick-locate.js';

const doc = `apiVersion: v1
kind: Pod
metadata:
  name: web   # trailing comment
  labels: # comment after a key
    app: web
spec:
  containers:
  - name: app
    image: nginx
    args: ["a", "b"]
    env:
      - name: A
        value: "1"
  volumes: []
`.split('\n');

describe('quickLocate', () => {
  it.each([
    [['kind'], { line: 1, column: 0 }],
    [['metadata', 'name'], { line: 3, column: 2 }],
    [['metadata', 'labels', 'app'], { line: 5, column: 4 }],
    [['metadata', 'labels', 'team'], { line: 4, column: 2 }],
    [['spec', 'containers', 0], { line: 8, column: 4 }],
    [['spec', 'containers', 0, 'image'], { line: 9, column: 4 }],
    [['spec', 'containers', 0, 'env', 0, 'value'], { line: 13, column: 8 }],
    [['spec', 'containers', 0, 'securityContext', 'privileged'], { line: 8, column: 4 }],
    [['spec', 'containers', 3], { line: 7, column: 2 }],
    [['status'], null],
  ] as [JsonPath, unknown][])('%j', (path, want) => {
    expect(quickLocate(new DocumentLines(doc), path)).toEqual(want);
  });

  it.each([
    ['a flow sequence item', doc, ['spec', 'containers', 0, 'args', 1], { line: 10, column: 16 }],
    ['inside an empty flow collection', doc, ['spec', 'volumes', 0, 'name'], { line: 14, column: 2 }],
    ['a quoted key', ['"quoted": 1'], ['quoted'], { line: 0, column: 0 }],
    ['a single-quoted key with a quote', ['a: 1', "'it''s': 2"], ["it's"], { line: 1, column: 0 }],
    ['a JSON document', ['{"a": {"b": [1, {"c": 2}]}}'], ['a', 'b', 1, 'c'], { line: 0, column: 17 }],
    ['a flow mapping over lines', ['k: {', '  x: 1,', '  y: [2]', '}'], ['k', 'y', 0], { line: 2, column: 6 }],
    ['a flow value after an anchor', ['k: &a {x: 1}'], ['k', 'x'], { line: 0, column: 7 }],
    ['an item on the line after its dash', ['l:', '-', '  a: 1'], ['l', 0, 'a'], { line: 2, column: 2 }],
    ['a nested sequence', ['l:', '- - a', '  - b'], ['l', 0, 1], { line: 2, column: 4 }],
    ['a key after a list at its column', ['a:', '- 1', 'b: 2'], ['b'], { line: 2, column: 0 }],
    ['a block scalar is not a mapping', ['s: |', '  k: v'], ['s', 'k'], { line: 0, column: 0 }],
    ['an anchored flow value on its own line', ['k:', '  &a {x: 1}'], ['k', 'x'], { line: 1, column: 6 }],
    ['past a collection as key', ['n: {{ .Values.x }}'], ['n', 'y'], { line: 0, column: 0 }],
    ['a colon inside a plain key', ['a:b: 1', 'c: 2'], ['a:b'], { line: 0, column: 0 }],
    ['a tab after the colon', ['a:\t1', 'b:\t{x: 1}'], ['b', 'x'], { line: 1, column: 4 }],
    ['a key ending its line', ['a:', '  b: 1'], ['a', 'b'], { line: 1, column: 2 }],
    ['a URL in a value', ['a: http://x:80/#top', 'b: 2'], ['b'], { line: 1, column: 0 }],
  ] as [string, string[], JsonPath, unknown][])('%s', (_name, lines, path, want) => {
    expect(quickLocate(new DocumentLines(lines), path)).toEqual(want);
  });

  it.each([
    ['a complex key', ['? a', ': 1'], ['a']],
    ['an anchor on a key', ['&k a: 1'], ['a']],
    ['tabs in indentation', ['a:', '\tb: 1'], ['a', 'b']],
    ['an escape JSON does not have', ['"\\x41": 1'], ['A']],
  ] as [string, string[], JsonPath][])('leaves %s to the full parser', (_name, lines, path) => {
    expect(quickLocate(new DocumentLines(lines), path)).toBeUndefined();
  });
});

// Fixtures written in every style the fast locator claims: it must answer every path itself, as the parser does.
describe('quickLocate answers alone on the styles it follows', () => {
  it.each(['flow-and-quoted.yaml', 'block-styles.yaml'])('%s', (name) => {
    const file = fileURLToPath(new URL(`./testdata/${name}`, import.meta.url));
    const text = readFileSync(file, 'utf8');
    const counter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: counter });
    if (!Array.isArray(docs)) throw new Error('no documents');
    let firstLine = 0;
    text.split(/^---\n/m).forEach((slice, k) => {
      const lines = slice.split('\n');
      for (const path of pathsOf(docs[k].toJS() as JsonValue, [])) {
        const quick = quickLocate(new DocumentLines(lines), path);
        const got = quick && { file, line: firstLine + quick.line + 1, column: quick.column + 1 };
        const want = expected(docs[k], counter, path, file);
        expect([path, quick === null ? want : got]).toEqual([path, want]);
      }
      firstLine += lines.length;
    });
  });
});

// Differential check: on every YAML fixture of the repository, the fast locator agrees with the full parser.
describe('quickLocate agrees with the yaml parser', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((e) => {
      const f = join(dir, e);
      return statSync(f).isDirectory() ? files(f) : /\.ya?ml$/.test(e) ? [f] : [];
    });
  const fixtures = files(root).filter((f) => f.includes('testdata'));

  it.each(fixtures.map((f) => [f.slice(root.length), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const counter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: counter });
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return;
    for (const d of parseDocuments(text, file).documents) {
      for (const path of pathsOf(d.value, []))
        expect([path, d.locate(path)]).toEqual([path, expected(docs[d.index], counter, path, file)]);
    }
  });
});

function pathsOf(v: JsonValue, prefix: (string | number)[]): JsonPath[] {
  if (Array.isArray(v)) return [prefix, ...v.flatMap((x, i) => pathsOf(x, [...prefix, i]))];
  if (v && typeof v === 'object')
    return [prefix, [...prefix, '~missing'], ...Object.entries(v).flatMap(([k, x]) => pathsOf(x, [...prefix, k]))];
  return [prefix];
}

function expected(doc: Document, counter: LineCounter, path: JsonPath, file: string) {
  for (let n = path.length; n > 0; n--) {
    const parent = n > 1 ? doc.getIn(path.slice(0, n - 1), true) : doc.contents;
    const items = isNode(parent) ? (parent as { items?: unknown[] }).items : undefined;
    if (!Array.isArray(items)) continue;
    const last = path[n - 1];
    const node =
      typeof last === 'number'
        ? items[last]
        : (items as { key?: { value?: unknown } }[]).find((p) => isNode(p?.key) && p.key?.value === last)?.key;
    const offset = isNode(node) ? node.range?.[0] : undefined;
    if (offset !== undefined) {
      const { line, col } = counter.linePos(offset);
      return { file, line, column: col };
    }
  }
  const { line, col } = counter.linePos(doc.contents?.range?.[0] ?? 0);
  return { file, line, column: col };
}
