// Largest and smallest of a list without spreading it into arguments: Math.max(...list) throws
// "Maximum call stack size exceeded" once the list has a few hundred thousand items (a pricing
// file of 175,936 models did that in the CLI's table).

/** The largest of `values`, or `empty` when there are none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = -Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v > max || Number.isNaN(v)) max = v;
  }
  return any ? max : empty;
}

/** The smallest of `values`, or `empty` when there are none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let min = Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v < min || Number.isNaN(v)) min = v;
  }
  return any ? min : empty;
}

/** Appends every item of `items` to `target` (`target.push(...items)` overflows the stack on long lists). */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
