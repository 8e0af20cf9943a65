// Makes code-server's VS Code accept zh-cn as its display language without Microsoft's language
// pack (MS-CEINTL.vscode-language-pack-zh-hans comes from a marketplace these machines cannot reach,
// and the npm registry has no VS Code language pack extension for 1.139).
//
// How VS Code picks the language of a browser window (server-main.js, 1.139): the locale is
// `--locale`, else argv.json's "locale", else the code-server language cookie, else the browser's
// Accept-Language; it is honoured only when <user-data>/languagepacks.json lists a pack for it with
// a translations file for "vscode". Language pack extensions normally write that entry when the
// running server installs them. This entry points at a translations file with no strings, so VS
// Code's own UI stays English (every message falls back to its default) while the language
// resolves to zh-cn: vscode.env.language is "zh-cn", package.nls.zh-cn.json is applied to the
// manifest and l10n/bundle.l10n.zh-cn.json to vscode.l10n.t — exactly what an extension sees
// under the real language pack.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeLocaleShim(userDataDir, shimDir) {
  const entry = {
    hash: 'token-spend-e2e-zh-cn-1',
    extensions: [{ extensionIdentifier: { id: 'token-spend-e2e.locale-zh-cn' }, version: '1.0.0' }],
    translations: { vscode: join(shimDir, 'main.i18n.json') },
    label: '中文(简体)',
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({ 'zh-cn': entry }, null, 2));
}

/**
 * Sets VS Code's display language the way "Configure Display Language" does: the "locale" of
 * argv.json in the user settings folder. The server reads it on every page load, so the next
 * window opened uses it. (Without argv.json, VS Code 1.139's server takes "en" and never looks at
 * the browser's Accept-Language.)
 */
export function setDisplayLanguage(userDataDir, locale) {
  writeFileSync(join(userDataDir, 'User/argv.json'), JSON.stringify({ locale }, null, 2) + '\n');
}
