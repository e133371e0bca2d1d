import { describe, expect, it } from 'vitest';
import { parseDocuments } from './documents.js';

const text = `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: c
    image: nginx:latest
---
# comment only
---
kind: List
items: []
`;

describe('parseDocuments', () => {
  const parsed = parseDocuments(text, 'pods.yaml');

  it('keeps non-empty documents with their index and start line', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.documents.map((d) => [d.index, d.pos.line])).toEqual([
      [0, 1],
      [2, 12],
    ]);
  });

  it.each([
    [['spec', 'containers', 0, 'image'], 8],
    [['spec', 'containers', 0], 7],
    [['metadata', 'name'], 4],
    [['spec', 'containers', 0, 'securityContext', 'privileged'], 7],
    [['spec', 'hostNetwork'], 5],
    [[], 1],
  ] as const)('locates %j at line %i', (path, line) => {
    expect(parsed.documents[0].locate(path).line).toBe(line);
  });

  it('reports a syntax error with file and line, keeping the good documents', () => {
    const bad = parseDocuments('a: 1\n---\nb: [1\nc: 2\n', 'bad.yaml');
    expect(bad.documents.map((d) => d.value)).toEqual([{ a: 1 }]);
    expect(bad.errors[0]).toMatchObject({ file: 'bad.yaml', line: 4 });
  });

  it('reads JSON as YAML', () => {
    expect(parseDocuments('{"kind": "Pod", "n": 1.5}', 'x.json').documents[0].value).toEqual({ kind: 'Pod', n: 1.5 });
  });
});
