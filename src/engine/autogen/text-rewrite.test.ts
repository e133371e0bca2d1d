import { describe, expect, it } from 'vitest';
import { rewriteRequestPaths, type TemplateLocation } from './text-rewrite.js';

describe('rewriteRequestPaths', () => {
  it.each<[string, TemplateLocation, boolean, string]>([
    ['request.object.spec.containers', 'template', false, 'request.object.spec.template.spec.containers'],
    ['request.object.metadata.name', 'template', false, 'request.object.spec.template.metadata.name'],
    ['request.oldObject.spec.volumes', 'template', false, 'request.oldObject.spec.template.spec.volumes'],
    ['request.oldObject.metadata.labels', 'template', false, 'request.oldObject.spec.template.metadata.labels'],
    [
      'request.object.spec.containers',
      'jobTemplate',
      false,
      'request.object.spec.jobTemplate.spec.template.spec.containers',
    ],
    [
      'request.oldObject.metadata.name',
      'jobTemplate',
      false,
      'request.oldObject.spec.jobTemplate.spec.template.metadata.name',
    ],
    ['object.spec.containers', 'template', false, 'object.spec.containers'],
    ['object.spec.containers', 'template', true, 'object.spec.template.spec.containers'],
    ['oldObject.metadata.labels', 'template', true, 'oldObject.spec.template.metadata.labels'],
    ['object.metadata.name', 'jobTemplate', true, 'object.spec.jobTemplate.spec.template.metadata.name'],
    ['request.object.metadata.name', 'template', true, 'request.object.spec.template.metadata.name'],
    ['request.namespace', 'template', false, 'request.namespace'],
  ])('%s (%s, cel=%s)', (text, location, cel, want) => {
    expect(rewriteRequestPaths({ text }, location, cel)).toEqual({ text: want });
  });
});
