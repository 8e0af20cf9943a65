// The extension's user-visible names as the manifest declares them, in English and Chinese, so the
// tests look for exactly what package.json / package.nls*.json promise a user.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readManifest(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const nls = (suffix) => {
    const f = join(root, `package.nls${suffix}.json`);
    return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : {};
  };
  const en = nls('');
  const zh = { ...en, ...nls('.zh-cn') };
  const resolve = (value, table) => (typeof value === 'string' ? value.replace(/^%(.+)%$/, (_, key) => table[key] ?? value) : value);
  const extensionId = `${pkg.publisher}.${pkg.name}`;
  /** "Category: Title" as the command palette shows it, for a locale. */
  const paletteLabel = (command, locale = 'en') => {
    const c = (pkg.contributes?.commands ?? []).find((x) => x.command === command);
    if (!c) throw new Error(`package.json contributes no command ${command}`);
    const table = locale === 'zh-cn' ? zh : en;
    const title = resolve(c.title, table);
    return c.category ? `${resolve(c.category, table)}: ${title}` : title;
  };
  return { pkg, extensionId, paletteLabel, nls: { en, zh } };
}

/** Runtime strings of vscode.l10n.t for zh-cn, keyed by their English text. */
export function readL10nBundle(root, locale) {
  const f = join(root, `l10n/bundle.l10n.${locale}.json`);
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : {};
}

/**
 * The comparison panel's own string tables (src/webview/strings.ts), bundled on the fly, so a test
 * can tell the Chinese labels from the English ones without copying either.
 */
export async function webviewTranslator(root, locale) {
  const { build, stop } = await import(join(root, 'node_modules/esbuild/lib/main.js'));
  const out = await build({
    entryPoints: [join(root, 'src/webview/strings.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  }).finally(() => stop()); // esbuild's service process would otherwise run until this process exits
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return mod.translator(locale);
}
