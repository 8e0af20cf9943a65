// The esbuild plugin every bundle outside the extension's own build needs (tests, bench, the
// calibration and agreement scripts): `token-spend-vocab/<name>` imports are the compact
// vocabularies that scripts/compact-vocab.mjs writes, read at run time from <dist>/vocab/<name>.js.
import { join } from 'node:path';

/** Resolves `token-spend-vocab/<name>` to `<distDir>/vocab/<name>.js`, left external. */
export function compactVocabularies(distDir) {
  return {
    name: 'compact-vocabularies',
    setup(build) {
      build.onResolve({ filter: /^token-spend-vocab\// }, (a) => ({
        path: join(distDir, 'vocab', a.path.slice('token-spend-vocab/'.length) + '.js'),
        external: true,
      }));
    },
  };
}
