// Kyverno: spec §6.1 — the JSON document every variable is queried against, with lazily loaded entries.
import { copyObject, isObject, type JsonObject, type JsonValue } from '../json.js';
import type { JmesRuntime } from '../jmespath/index.js';
import type { VariableResolver } from '../variables/substitute.js';
import type { QueryCache } from './query-cache.js';

/** An error raised while loading a context entry or answering a query; becomes a rule `error`. */
export class ContextError extends Error {}

/** The JSON context of one rule evaluation. `fork()` gives the per-rule / per-element checkpoint. */
export class JsonContext implements VariableResolver {
  #data: JsonObject;
  #pending: Map<string, () => JsonValue | undefined>;
  // Copy on write: a fork shares its parent's document and loaders until either of them changes them. Most rules
  // never add anything to the context, and a foreach element only adds names, so neither pays for a copy of both.
  #ownsData = true;
  #ownsPending = true;

  constructor(
    data: JsonObject,
    readonly queries: QueryCache,
    readonly runtime: JmesRuntime,
    readonly isDelete: boolean,
    pending?: Map<string, () => JsonValue | undefined>,
  ) {
    this.#data = data;
    this.#pending = pending ?? new Map();
  }

  /** A copy whose later additions do not leak back into this context. */
  fork(): JsonContext {
    this.#ownsData = false;
    this.#ownsPending = false;
    const child = new JsonContext(this.#data, this.queries, this.runtime, this.isDelete, this.#pending);
    child.#ownsData = false;
    child.#ownsPending = false;
    return child;
  }

  #ownData(): void {
    if (this.#ownsData) return;
    this.#data = copyObject(this.#data);
    this.#ownsData = true;
  }

  #ownPending(): void {
    if (this.#ownsPending) return;
    this.#pending = new Map(this.#pending);
    this.#ownsPending = true;
  }

  // A name written or loaded is no longer pending.
  #settle(name: string): void {
    if (!this.#pending.has(name)) return;
    this.#ownPending();
    this.#pending.delete(name);
  }

  /** The context document (read-only use). */
  get data(): JsonObject {
    return this.#data;
  }

  /** Set a top-level name, replacing any pending loader of the same name. */
  set(name: string, value: JsonValue): void {
    this.#settle(name);
    this.#ownData();
    this.#data[name] = value;
  }

  /** Set a dotted path (`a.b."c.d"`), copying the objects along the way so forks stay independent. */
  setPath(dotted: string, value: JsonValue): void {
    const segs = splitDottedPath(dotted);
    if (segs.length === 1) return this.set(segs[0], value);
    this.#settle(segs[0]);
    this.#ownData();
    this.#data = setIn(this.#data, segs, value) as JsonObject;
  }

  /** Register a loader that runs the first time a query mentions `name`; `undefined` leaves the name unset. */
  defer(name: string, load: () => JsonValue | undefined): void {
    this.#ownPending();
    this.#pending.set(name, load);
  }

  /** Whether a top-level name is known (loaded or pending). */
  has(name: string): boolean {
    return Object.hasOwn(this.#data, name) || this.#pending.has(name);
  }

  /** Evaluate a JMESPath expression against the context; errors carry Kyverno's texts. */
  query(expression: string): JsonValue {
    this.materialize(expression);
    const q = this.queries.get(expression);
    try {
      return q.search(this.#data, this.runtime);
    } catch (e) {
      throw new ContextError(`JMESPath query failed: ${(e as Error).message}`);
    }
  }

  /** Evaluate a JMESPath expression against an arbitrary value (context `variable.value`). */
  queryValue(expression: string, value: JsonValue): JsonValue {
    return this.queries.get(expression).search(value, this.runtime);
  }

  // Kyverno loads a context entry when an expression mentions its name.
  private materialize(expression: string): void {
    if (this.#pending.size === 0) return;
    let mentioned: string[] | undefined;
    for (const name of this.#pending.keys()) if (expression.includes(name)) (mentioned ??= []).push(name);
    if (!mentioned) return;
    for (const name of mentioned) {
      const load = this.#pending.get(name);
      if (!load) continue; // loaded meanwhile by an earlier loader of this loop
      // Settled before it runs, so that a loader whose own query names it does not recurse.
      this.#settle(name);
      let value: JsonValue | undefined;
      try {
        value = load();
      } catch (e) {
        // A failed load stays pending: every query that names it fails the same way (as Kyverno fails every
        // expression that reads `images` of a resource it cannot parse), and a context shared by several rules
        // keeps it for the next rule.
        this.#ownPending();
        this.#pending.set(name, load);
        throw e;
      }
      if (value === undefined) continue;
      this.#ownData();
      this.#data[name] = value;
    }
  }
}

/** `a.b."c.d"` → ['a', 'b', 'c.d']. */
export function splitDottedPath(dotted: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of dotted) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '.' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function setIn(obj: JsonValue | undefined, segs: readonly string[], value: JsonValue): JsonValue {
  if (segs.length === 0) return value;
  const base: JsonObject = isObject(obj) ? copyObject(obj) : {};
  base[segs[0]] = setIn(base[segs[0]], segs.slice(1), value);
  return base;
}
