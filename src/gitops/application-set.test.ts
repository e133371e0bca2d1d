import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../engine/source/documents.js';
import { expandApplicationSet } from './application-set.js';

const appSet = (spec: string) => {
  const text = `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: set\nspec:\n${spec}`;
  return expandApplicationSet(parseDocuments(text, 'set.yaml').documents[0]);
};
const template = `  template:
    metadata: {name: 'app-{{n}}'}
    spec:
      source: {repoURL: r, path: 'p/{{n}}'}
      destination: {namespace: ns}
`;

describe('expandApplicationSet', () => {
  it('generates one Application per list element, located in the template', () => {
    const e = appSet(`  generators:\n    - list:\n        elements: [{n: a}, {n: b}]\n${template}`);
    expect(e.applications.map((a) => [a.name, a.sources[0].path])).toEqual([
      ['app-a', 'p/a'],
      ['app-b', 'p/b'],
    ]);
    expect(e.applications[0].locate(['spec', 'source']).line).toBe(12);
  });

  it('lets a generator template override the ApplicationSet template', () => {
    const gen = `  generators:\n    - list:\n        elements: [{n: a}]\n        template: {spec: {destination: {namespace: other}}}\n`;
    const e = appSet(gen + template);
    expect(e.applications[0].destinationNamespace).toBe('other');
    expect(e.applications[0].sources[0].path).toBe('p/a');
  });

  it.each([
    [
      `  generators:\n    - clusters: {}\n${template}`,
      'ApplicationSet set: clusters generator is not supported; its Applications were not rendered',
    ],
    [
      `  generators:\n    - matrix: {generators: []}\n${template}`,
      'ApplicationSet set: matrix generator is not supported; its Applications were not rendered',
    ],
    [
      `  generators: [{list: {elements: []}}]\n  templatePatch: x\n${template}`,
      'ApplicationSet set: templatePatch is not supported; Applications rendered without it',
    ],
    [
      `  goTemplate: true\n  generators: [{list: {elements: [{n: a}]}}]\n  template: {metadata: {name: '{{ lower .n }}'}}\n`,
      'ApplicationSet set: template expression {{lower .n}} is not a plain field reference; that Application was not rendered',
    ],
  ])('notes what it cannot expand %#', (spec, reason) => {
    expect(appSet(spec).skipped).toContainEqual({ path: 'set.yaml:set', reason });
  });
});
