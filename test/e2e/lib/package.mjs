// Packages the extension the way `npm run package` does, into a .vsix at a given path (used by the
// e2e run and by `npm start`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function packageVsix(root, vsix) {
  const p = spawnSync(join(root, 'node_modules/.bin/vsce'),
    // Same flags as `npm run package`: the README's relative screenshot links stay as they are (no repository URL to rewrite them to).
    ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix],
    { cwd: root, encoding: 'utf8', input: '' });
  if (p.status !== 0) throw new Error(`vsce package failed:\n${p.stdout}${p.stderr}`);
  return vsix;
}
