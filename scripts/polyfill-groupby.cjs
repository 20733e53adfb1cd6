// Object.groupBy and Map.groupBy arrived in Node 21; chevrotain 12+ (pulled by Langium 4.2+)
// calls them. Loaded first by every entry point (CLI, language server, langium-cli, vitest)
// so Norma runs on Node 20.20 as well as on 22 and 24, where this does nothing.
'use strict';
function groupInto(items, keyOf, make, add) {
  const groups = make();
  let index = 0;
  for (const item of items) add(groups, keyOf(item, index++), item);
  return groups;
}
if (typeof Object.groupBy !== 'function') {
  Object.defineProperty(Object, 'groupBy', {
    configurable: true, writable: true,
    value: (items, keyOf) => groupInto(items, keyOf, () => Object.create(null), (groups, key, item) => {
      (groups[key] ??= []).push(item);
    })
  });
}
if (typeof Map.groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true, writable: true,
    value: (items, keyOf) => groupInto(items, keyOf, () => new Map(), (groups, key, item) => {
      const list = groups.get(key);
      if (list) list.push(item); else groups.set(key, [item]);
    })
  });
}
