// Packages the extension the way `npm run package` does, into a .vsix at a given path (used by the
// e2e run and by `npm start`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function packageVsix(root, vsix) {
  const p = spawnSync(join(root, 'node_modules/.bin/vsce'),
    // Same flags as `npm run package`: the README's relative screenshot links stay relative, so the
    // installed extension's details page shows the screenshots the .vsix carries, offline.
    ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix],
    { cwd: root, encoding: 'utf8', input: '' });
  if (p.status !== 0) throw new Error(`vsce package failed:\n${p.stdout}${p.stderr}`);
  return vsix;
}
