/**
 * Letting go of a lazily required vocabulary module. Node keeps every required module in
 * `require.cache`; dropping our own references is not enough for the memory to be reclaimed.
 */
export function forgetModule(resolve: () => string): void {
  let path: string;
  try {
    path = resolve();
  } catch {
    return; // not resolvable here (never loaded): nothing to forget
  }
  const cache = require.cache as Record<string, unknown> | undefined;
  if (cache && path in cache) delete cache[path];
}
