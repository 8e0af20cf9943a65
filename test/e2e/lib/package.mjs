// Packages the extension the way `npm run package` does, into a .vsix at a given path (used by the
// e2e run and by `npm start`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function packageVsix(root, vsix) {
  const p = spawnSync(
    join(root, 'node_modules/.bin/vsce'),
    // Same flags as `npm run package`: the README's relative screenshot links stay relative, so the
    // installed extension's details page shows the screenshots the .vsix carries, offline.
    ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix],
    { cwd: root, encoding: 'utf8', input: '' },
  );
  if (p.status !== 0) throw new Error(`vsce package failed:\n${p.stdout}${p.stderr}`);
  return vsix;
}

/**
 * Packages the stand-in language-model provider (test/fixtures/lm-provider) into a .vsix, to be
 * installed into the e2e profile like any extension: code-server loads only one
 * extensionDevelopmentPath from the test payload, and that one is Token Spend.
 */
export function packageStandInProvider(root, vsix) {
  const p = spawnSync(join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], {
    cwd: join(root, 'test/fixtures/lm-provider'),
    encoding: 'utf8',
    input: '',
  });
  if (p.status !== 0) throw new Error(`vsce package of the stand-in provider failed:\n${p.stdout}${p.stderr}`);
  return vsix;
}
