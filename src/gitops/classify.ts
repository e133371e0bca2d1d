// Sorting repository documents: Kyverno policies, Argo CD Applications/ApplicationSets, other objects.
import { isKubernetesObject, isObject, listItems, type SourceDocument } from '../engine/index.js';

/** Documents of a file (or a render) sorted by role. */
export interface ClassifiedDocuments {
  /** Kubernetes objects to evaluate; Applications and ApplicationSets are also objects applied to a cluster. */
  readonly resources: SourceDocument[];
  readonly policies: SourceDocument[];
  readonly applications: SourceDocument[];
  readonly applicationSets: SourceDocument[];
  /** Documents without apiVersion/kind (Helm values, kustomization.yaml, CI configs …). */
  readonly other: SourceDocument[];
}

/** Sort documents by role; `List` documents are unpacked into their items. */
export function classifyDocuments(docs: readonly SourceDocument[]): ClassifiedDocuments {
  const out: ClassifiedDocuments = { resources: [], policies: [], applications: [], applicationSets: [], other: [] };
  for (const d of docs) {
    if (!isKubernetesObject(d.value)) out.other.push(d);
    else if (isListDocument(d)) classifyInto(out, listItems(d));
    else classifyInto(out, [d]);
  }
  return out;
}

function classifyInto(out: ClassifiedDocuments, docs: SourceDocument[]): void {
  for (const d of docs) {
    const v = d.value as { apiVersion: string; kind: string };
    if (isKyvernoDocument(v.apiVersion)) out.policies.push(d);
    else {
      out.resources.push(d);
      if (isArgoKind(v, 'Application')) out.applications.push(d);
      else if (isArgoKind(v, 'ApplicationSet')) out.applicationSets.push(d);
    }
  }
}

/** True for kyverno.io/* and policies.kyverno.io/* documents (policies, exceptions, cleanup policies …). */
export function isKyvernoDocument(apiVersion: string): boolean {
  return apiVersion.startsWith('kyverno.io/') || apiVersion.startsWith('policies.kyverno.io/');
}

function isArgoKind(v: { apiVersion: string; kind: string }, kind: string): boolean {
  return v.kind === kind && v.apiVersion.startsWith('argoproj.io/');
}

function isListDocument(d: SourceDocument): boolean {
  const v = d.value;
  return isObject(v) && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items);
}
