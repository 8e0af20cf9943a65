import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from './helpers';

/** Every literal passed to vscode.l10n.t in the extension sources (src/extension.ts and src/vscode). */
function runtimeStrings(): Set<string> {
  const files: string[] = [repoPath('src', 'extension.ts')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(repoPath('src', 'vscode'));
  const found = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) {
      found.add(m[1].replace(/\\(.)/g, '$1'));
    }
  }
  return found;
}

suite('localization', () => {
  test('every runtime string has a Simplified Chinese translation', function () {
    if (!existsSync(repoPath('src'))) this.skip(); // installed from a .vsix: no sources to scan
    const bundle = JSON.parse(readFileSync(repoPath('l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const strings = runtimeStrings();
    assert.ok(strings.size > 50, `found ${strings.size} strings`);
    const missing = [...strings].filter((s) => !(s in bundle));
    assert.deepEqual(missing, []);
    for (const [key, value] of Object.entries(bundle)) {
      const slots = (s: string) =>
        [...s.matchAll(/\{\d+\}/g)]
          .map((m) => m[0])
          .sort()
          .join();
      assert.equal(slots(value), slots(key), `placeholders of "${key}"`);
    }
  });

  test('every manifest string exists in English and Chinese', () => {
    const en = JSON.parse(readFileSync(repoPath('package.nls.json'), 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync(repoPath('package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
    const manifest = readFileSync(repoPath('package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 30);
    for (const key of used) {
      assert.ok(en[key], `package.nls.json has ${key}`);
      assert.ok(zh[key], `package.nls.zh-cn.json has ${key}`);
    }
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  });
});
