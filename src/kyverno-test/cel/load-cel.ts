// Kyverno CLI: loading what the CEL policy kinds of a test need (kyverno-cel-semantics §6.1).
import type { JsonObject, JsonValue } from '../../engine/json.js';
import type { KyvernoCelServices } from '../../engine/cel/kyverno/index.js';
import { renderDiagnostic } from '../../engine/result/diagnostic.js';
import type { SourceDocument } from '../../engine/source/documents.js';
import type { ValuesSpec } from '../values-file.js';
import { compileCelException, loadCelPolicy, type CompiledCelException, type LoadedCelPolicy } from './cel-engine.js';
import type { CelRequestInputs } from './cel-request.js';
import { decodeContext } from './context-file.js';
import { decodeGlobalContext, globalContextLookup, type ReadResourceFiles } from './global-context.js';
import { decodeHttpMocks, mockHttpService } from './http-mocks.js';
import { crdPlurals } from './resource-names.js';
import { contextResourceService, fakeClusterResourceService } from './resource-services.js';
import type { Clock } from '../../engine/ports.js';

/** The CEL side of a loaded suite: policies in load order, exceptions, and the request inputs of every run. */
export interface CelSuite {
  readonly policies: readonly LoadedCelPolicy[];
  readonly exceptions: readonly CompiledCelException[];
  /** `globalValues["request.operation"]`, consulted when a row names no operation (§6.3). */
  readonly globalOperation?: JsonValue;
  /** Everything of a request but the operation, given the clock of the run. */
  inputs(clock: Clock): Omit<CelRequestInputs, 'operation'>;
}

/** The files and documents a CEL suite is built from (already read by the suite loader). */
export interface CelSources {
  readonly policyDocs: readonly SourceDocument[];
  readonly exceptionDocs: readonly SourceDocument[];
  /** The decoded `context` file document, if the test names one. */
  readonly contextDoc?: JsonValue;
  readonly apiCallResponses?: JsonValue;
  readonly globalContextEntries?: JsonValue;
  readonly readResourceFiles: ReadResourceFiles;
  readonly values?: ValuesSpec;
  readonly userInfo?: JsonObject;
  /** Trigger resources, targets and params: the fake cluster's content when `clusterResources` are given. */
  readonly testObjects: readonly JsonObject[];
  /** The objects of `clusterResources` (empty when none). */
  readonly clusterObjects: readonly JsonObject[];
}

/** Load the CEL side of a suite; throws an Error for the fatal conditions of §6.1. */
export function loadCelSuite(src: CelSources): CelSuite {
  const policies = src.policyDocs.map(loadCelPolicy);
  for (const p of policies) {
    if (p.diagnostics.length > 0)
      throw new Error(`failed to compile policy ${p.name} (${p.diagnostics.map(renderDiagnostic).join('; ')})`);
  }
  const exceptions = src.exceptionDocs.map(loadCelException);
  const crds = crdPlurals(src.clusterObjects);
  const context = src.contextDoc !== undefined ? decodeContext(src.contextDoc) : undefined;
  // Kyverno: with clusterResources a fake cluster serves the libraries and the context file's objects are ignored.
  const resources = src.clusterObjects.length
    ? fakeClusterResourceService([...src.testObjects, ...src.clusterObjects], crds)
    : contextResourceService(context?.resources ?? [], crds);
  const http = mockHttpService(decodeHttpMocks(src.apiCallResponses));
  const images = context?.images ?? new Map<string, JsonObject>();
  // Projections are JMESPath (which may read the clock), so entries are computed with the run's clock.
  const services = (clock: Clock): KyvernoCelServices => ({
    resources,
    http,
    imageData: (ref) => images.get(ref),
    globalContext: globalContextLookup(decodeGlobalContext(src.globalContextEntries, src.readResourceFiles, clock)),
    clock,
  });
  return {
    policies,
    exceptions,
    globalOperation: src.values?.global.findLast(([k]) => k === 'request.operation')?.[1],
    inputs: (clock) => ({
      userInfo: src.userInfo,
      namespaces: src.values?.namespaceObjects ?? new Map(),
      subresources: src.values?.subresources ?? [],
      crdPlurals: crds,
      services: services(clock),
    }),
  };
}

function loadCelException(doc: SourceDocument): CompiledCelException {
  const ex = compileCelException(doc);
  if (ex.diagnostics.length > 0)
    throw new Error(`failed to load exception ${ex.name} (${ex.diagnostics.map(renderDiagnostic).join('; ')})`);
  return ex;
}
