// Expanding an ApplicationSet's `list` generators into Applications (other generators are noted, not run).
import { cloneJson, isObject, type JsonObject, type JsonValue, type SourceDocument } from '../engine/index.js';
import { applicationFromObject } from './application.js';
import { renderTemplate, TemplateUnsupportedError } from './appset-template.js';
import type { ApplicationModel, SkippedEntry } from './types.js';

/** The Applications an ApplicationSet generates, and notes for what could not be expanded. */
export interface ApplicationSetExpansion {
  readonly applications: ApplicationModel[];
  readonly skipped: SkippedEntry[];
}

/** Expand the `list` generators of an ApplicationSet document. */
export function expandApplicationSet(doc: SourceDocument): ApplicationSetExpansion {
  const value = doc.value as JsonObject;
  const spec = isObject(value.spec) ? value.spec : {};
  const name = isObject(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : '<unnamed>';
  const out: ApplicationSetExpansion = { applications: [], skipped: [] };
  const note = (reason: string) =>
    out.skipped.push({ path: `${doc.file}:${name}`, reason: `ApplicationSet ${name}: ${reason}` });
  if (spec.templatePatch !== undefined) note('templatePatch is not supported; Applications rendered without it');
  const generators = Array.isArray(spec.generators) ? spec.generators : [];
  for (const g of generators.filter(isObject)) {
    const type = Object.keys(g).find((k) => k !== 'selector' && k !== 'values') ?? '(empty)';
    if (type !== 'list' || !isObject(g.list))
      note(`${type} generator is not supported; its Applications were not rendered`);
    else expandList(doc, spec, g.list, out, note);
  }
  return out;
}

function expandList(
  doc: SourceDocument,
  spec: JsonObject,
  list: JsonObject,
  out: ApplicationSetExpansion,
  note: (reason: string) => void,
): void {
  if (list.elementsYaml !== undefined) note('list.elementsYaml is not supported; those Applications were not rendered');
  const template = mergeTemplates(spec.template, list.template);
  const elements = Array.isArray(list.elements) ? list.elements.filter(isObject) : [];
  for (const element of elements) {
    try {
      const app = renderTemplate(template, element, spec.goTemplate === true) as JsonObject;
      const locate = (path: readonly (string | number)[]) => doc.locate(['spec', 'template', ...path]);
      out.applications.push(applicationFromObject(app, doc.file, locate));
    } catch (e) {
      if (!(e instanceof TemplateUnsupportedError)) throw e;
      note(`${e.message}; that Application was not rendered`);
    }
  }
}

// Argo CD: a generator's own template overrides the ApplicationSet template field by field.
function mergeTemplates(base: JsonValue | undefined, override: JsonValue | undefined): JsonValue {
  if (!isObject(override)) return isObject(base) ? cloneJson(base) : {};
  if (!isObject(base)) return cloneJson(override);
  const out: JsonObject = cloneJson(base);
  for (const [k, v] of Object.entries(override))
    out[k] = isObject(v) && isObject(out[k]) ? mergeTemplates(out[k], v) : v;
  return out;
}
