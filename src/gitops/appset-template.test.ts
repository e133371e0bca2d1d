import { describe, expect, it } from 'vitest';
import { flattenParams, renderTemplate, TemplateUnsupportedError } from './appset-template.js';

describe('renderTemplate (fasttemplate)', () => {
  const params = { env: 'dev', replicas: 2, values: { suffix: 'd' } };
  it.each([
    ['app-{{env}}', 'app-dev'],
    ['{{ env }}', 'dev'], // tags are trimmed
    ['{{values.suffix}}', 'd'], // nested values flattened with dots
    ['n={{replicas}}', 'n=2'],
    ['{{unknown}}', '{{unknown}}'], // unknown parameters stay as written
    ['{{.env}}', '{{.env}}'], // go syntax is not fasttemplate syntax
  ])('%s → %s', (template, expected) => {
    expect(renderTemplate({ a: [template] }, params, false)).toEqual({ a: [expected] });
  });
});

describe('renderTemplate (goTemplate)', () => {
  const params = { cluster: 'prod', values: { region: 'eu' } };
  it.each([
    ['{{.cluster}}', 'prod'],
    ['{{ .values.region }}-x', 'eu-x'],
    ['{{- .cluster -}}', 'prod'],
  ])('%s → %s', (template, expected) => {
    expect(renderTemplate(template, params, true)).toBe(expected);
  });

  it.each(['{{ upper .cluster }}', '{{ .cluster | quote }}', '{{ .missing }}'])('rejects %s', (template) => {
    expect(() => renderTemplate(template, params, true)).toThrow(TemplateUnsupportedError);
  });
});

describe('flattenParams', () => {
  it('flattens nested objects and stringifies scalars', () => {
    expect(flattenParams({ a: { b: { c: true } }, n: null })).toEqual({ 'a.b.c': 'true', n: 'null' });
  });
});
