// A map for what one request keeps per object: nearly always one key (the request's object), sometimes a few (an
// old object, a mutated one). The first entry lives in fields and a Map is made only for a second key, so the
// usual request costs no hash table (three of them were made for every review).

/** A map tuned for one key; keys are compared by identity, as Map does for objects. */
export class SmallMap<K, V> {
  #firstKey: K | undefined;
  #firstValue: V | undefined;
  #hasFirst = false;
  #rest: Map<K, V> | undefined;

  /** The value of `key`, or undefined. */
  get(key: K): V | undefined {
    if (this.#hasFirst && this.#firstKey === key) return this.#firstValue;
    return this.#rest?.get(key);
  }

  /** Set the value of `key`. */
  set(key: K, value: V): void {
    if (!this.#hasFirst || this.#firstKey === key) {
      this.#hasFirst = true;
      this.#firstKey = key;
      this.#firstValue = value;
      return;
    }
    (this.#rest ??= new Map()).set(key, value);
  }
}
