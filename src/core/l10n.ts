import zhCn from '../../l10n/bundle.l10n.zh-cn.json';

/**
 * The one localisation lookup of every front end. As with `vscode.l10n.t`, the English message is
 * the key and l10n/bundle.l10n.zh-cn.json (the bundle VS Code itself loads) holds its Chinese
 * text, so the extension host, the webview, the CLI and the reports translate from one file.
 */
export type UiLocale = 'en' | 'zh-cn';

const BUNDLES: Record<UiLocale, Readonly<Record<string, string>>> = { en: {}, 'zh-cn': zhCn };

export type Localize = (message: string, ...args: (string | number)[]) => string;

/** `message` in `locale` (English when the bundle lacks it), with `{0}`-style slots filled. */
export function localize(locale: UiLocale, message: string, ...args: (string | number)[]): string {
  const text = Object.hasOwn(BUNDLES[locale], message) ? BUNDLES[locale][message] : message;
  const filled = text.replace(/\{(\d+)\}/g, (slot, i: string) => (args[Number(i)] === undefined ? slot : String(args[Number(i)])));
  return locale === 'zh-cn' ? tightenFullWidth(filled) : filled;
}

/**
 * Chinese text puts no space after full-width punctuation or before an opening full-width bracket;
 * the bundle's spaces around a slot (between Chinese and a Latin name, as is usual) would leave one
 * when the value ends with one: "阿里云百炼（通义千问） 的 Qwen-Long" → "阿里云百炼（通义千问）的 Qwen-Long".
 */
function tightenFullWidth(text: string): string {
  return text.replace(/([，。；：、！？）】」』])[ \u00a0]+/g, '$1').replace(/[ \u00a0]+([（【「『])/g, '$1');
}

/** `localize` bound to one locale. */
export function localizer(locale: UiLocale): Localize {
  return (message, ...args) => localize(locale, message, ...args);
}

/** True when the bundle of `locale` translates `message` (English needs no entry). */
export function isTranslated(locale: UiLocale, message: string): boolean {
  return locale === 'en' || Object.hasOwn(BUNDLES[locale], message);
}
