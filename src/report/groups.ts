// Items grouped under a key, each group an array in the order items came (reports group by file, rule, namespace).

/** Append `item` to the group of `key`, starting the group when it is new. */
export function addToGroup<K, T>(groups: Map<K, T[]>, key: K, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}
