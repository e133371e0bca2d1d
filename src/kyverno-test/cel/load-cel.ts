// Kyverno CLI: what the CEL policy kinds of a test read offline (kyverno-cel-semantics §6.1, §6.6): the context
// file, `apiCallResponses`, `globalContextEntries`, and the fake cluster of `clusterResources`.
import {
  contextResourceService,
  crdPlurals,
  inMemoryResourceService,
  type CelLibraryServices,
  type Clock,
  type JsonObject,
  type JsonValue,
  type RestMapping,
} from '../../engine/index.js';
import type { ValuesSpec } from '../values-file.js';
import { decodeContext } from './context-file.js';
import { decodeGlobalContext, globalContextLookup, type ReadResourceFiles } from './global-context.js';
import { decodeHttpMocks, mockHttpService } from './http-mocks.js';

/** The CEL inputs of a suite, shared by every run. */
export interface CelSuite {
  /** `globalValues["request.operation"]`, consulted when a row names no operation (§6.3). */
  readonly globalOperation?: JsonValue;
  /** CRD plurals of `clusterResources` and the values file's subresources. */
  readonly restMapping: RestMapping;
  /** The libraries' services for a run with this clock (global context projections may read it). */
  services(clock: Clock): CelLibraryServices;
}

/** The files and documents a CEL suite is built from (already read by the suite loader). */
export interface CelSources {
  /** The decoded `context` file document, if the test names one. */
  readonly contextDoc?: JsonValue;
  readonly apiCallResponses?: JsonValue;
  readonly globalContextEntries?: JsonValue;
  readonly readResourceFiles: ReadResourceFiles;
  readonly values?: ValuesSpec;
  /** Trigger resources, targets and params: the fake cluster's content when `clusterResources` are given. */
  readonly testObjects: readonly JsonObject[];
  /** The objects of `clusterResources` (empty when none). */
  readonly clusterObjects: readonly JsonObject[];
}

/** Decode the CEL inputs of a suite; throws an Error with a one-line message for a bad mock or context file. */
export function loadCelSuite(src: CelSources): CelSuite {
  const crds = crdPlurals(src.clusterObjects);
  const context = src.contextDoc !== undefined ? decodeContext(src.contextDoc) : undefined;
  // Kyverno: with clusterResources a fake cluster serves the libraries and the context file's objects are ignored.
  const resources = src.clusterObjects.length
    ? inMemoryResourceService([...src.testObjects, ...src.clusterObjects], crds)
    : contextResourceService(context?.resources ?? [], crds);
  const http = mockHttpService(decodeHttpMocks(src.apiCallResponses));
  const images = context?.images ?? new Map<string, JsonObject>();
  return {
    globalOperation: src.values?.global.findLast(([k]) => k === 'request.operation')?.[1],
    restMapping: { crdPlurals: crds, subresources: src.values?.subresources ?? [] },
    services: (clock) => ({
      resources,
      http,
      imageData: (ref) => images.get(ref),
      // Projections are JMESPath (which may read the clock), so entries are computed with the run's clock.
      globalContext: globalContextLookup(decodeGlobalContext(src.globalContextEntries, src.readResourceFiles, clock)),
    }),
  };
}
