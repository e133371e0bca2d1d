// The per-evaluation values of Kyverno's library variables (spec kyverno-cel-semantics §5.2).
import { GeneratorHandle } from './generator-library.js';
import { GlobalContextHandle } from './globalcontext-library.js';
import { HttpHandle } from './http-library.js';
import { ImageDataHandle } from './imagedata-library.js';
import { JsonHandle, YamlHandle } from './json-library.js';
import { ResourceHandle } from './resource-library.js';
import type { KyvernoCelServices } from './services.js';
import { TimeHandle } from './time-library.js';

/**
 * Activation entries for `resource`, `http`, `image`, `globalContext`, `json`, `yaml`, `generator` and `time`,
 * all bound to `services`; `policyNamespace` feeds the namespaced `resource` overloads.
 */
export function kyvernoHandles(services: KyvernoCelServices, policyNamespace = ''): Record<string, unknown> {
  return {
    resource: new ResourceHandle(services.resources, policyNamespace),
    http: new HttpHandle(services.http),
    image: new ImageDataHandle(services.imageData?.bind(services)),
    globalContext: new GlobalContextHandle(services.globalContext?.bind(services)),
    json: new JsonHandle(),
    yaml: new YamlHandle(),
    generator: new GeneratorHandle(services.generator),
    time: new TimeHandle(services.clock),
  };
}
