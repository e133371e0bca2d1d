// Reading an Argo CD Application object into the model the renderers use.
import { isObject, type JsonObject, type JsonPath, type SourceDocument, type SourcePos } from '../engine/index.js';
import type { ApplicationModel, ApplicationSource } from './types.js';

/** The Application defined by a repository document. */
export function applicationFromDocument(doc: SourceDocument): ApplicationModel {
  return applicationFromObject(doc.value as JsonObject, doc.file, doc.locate);
}

/** The Application in `value`; `locate` gives positions of its fields (relative to the object). */
export function applicationFromObject(
  value: JsonObject,
  file: string,
  locate: (path: JsonPath) => SourcePos,
): ApplicationModel {
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const spec = isObject(value.spec) ? value.spec : {};
  const destination = isObject(spec.destination) ? spec.destination : {};
  const ns = destination.namespace;
  const sync = isObject(spec.syncPolicy) ? spec.syncPolicy : {};
  const automated = isObject(sync.automated) ? sync.automated : undefined;
  return {
    name: typeof metadata.name === 'string' ? metadata.name : '<unnamed>',
    file,
    destinationNamespace: typeof ns === 'string' && ns !== '' ? ns : undefined,
    selfHeal: automated?.selfHeal === true,
    sources: readSources(spec),
    locate,
  };
}

// Argo CD: spec.sources (multi-source) wins over spec.source when both are given.
function readSources(spec: JsonObject): ApplicationSource[] {
  if (Array.isArray(spec.sources) && spec.sources.length > 0) {
    return spec.sources.flatMap((s, i) => (isObject(s) ? [readSource(s, ['spec', 'sources', i])] : []));
  }
  return isObject(spec.source) ? [readSource(spec.source, ['spec', 'source'])] : [];
}

function readSource(s: JsonObject, fieldPath: JsonPath): ApplicationSource {
  const str = (k: string) => (typeof s[k] === 'string' && s[k] !== '' ? (s[k] as string) : undefined);
  const obj = (k: string) => (isObject(s[k]) ? (s[k] as JsonObject) : undefined);
  return {
    repoURL: str('repoURL') ?? '',
    path: str('path'),
    chart: str('chart'),
    ref: str('ref'),
    directory: obj('directory'),
    kustomize: obj('kustomize'),
    helm: obj('helm'),
    fieldPath,
  };
}
