#!/usr/bin/env bash
# The one-time Prettier reformat of the codebase (issue 14), run by one person on main when nobody
# else has work in flight, then never again: from then on `npm test` runs `npm run format:check`.
#
#   scripts/reformat.sh             reformat, add format:check to npm test, verify, commit
#   scripts/reformat.sh --no-commit the same, leaving the changes in the work tree
#   scripts/reformat.sh --no-tests  skip the unit suite (about 2 minutes on 2 cores)
#
# Verifies, and stops before committing if any step fails: every file Prettier covers is formatted,
# no file under .prettierignore's byte-exact paths (fixtures, generated pricing files) changed,
# the type check, ESLint (its disable comments still on the right lines) and the unit tests pass.
set -euo pipefail
cd "$(dirname "$0")/.."

commit=1
tests=1
for arg in "$@"; do
  case "$arg" in
    --no-commit) commit=0 ;;
    --no-tests) tests=0 ;;
    *) echo "reformat.sh: unknown option $arg (--no-commit, --no-tests)" >&2; exit 2 ;;
  esac
done

if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "reformat.sh: the work tree has uncommitted changes; commit or stash them first" >&2
  exit 1
fi

start=$(date +%s)
step() { echo "== $1 ($(($(date +%s) - start)) s)"; }

step "prettier --write"
npx prettier --write . --log-level warn

step "format:check in npm test, after lint"
node -e '
const fs = require("fs");
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
const test = pkg.scripts.test;
if (!test.includes("npm run format:check")) {
  if (!test.includes("npm run lint && ")) throw new Error("package.json: the test script has no \"npm run lint && \" to put format:check after");
  pkg.scripts.test = test.replace("npm run lint && ", "npm run lint && npm run format:check && ");
  fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");
}'

step "files whose bytes matter are untouched"
if ! git diff --quiet -- test/fixtures test/e2e/fixtures demo pricing/pricing.json pricing/pricing.schema.json pricing/pricing-overlay.schema.json package-lock.json; then
  echo "reformat.sh: Prettier changed byte-exact files:" >&2
  git diff --stat -- test/fixtures test/e2e/fixtures demo pricing/pricing.json pricing/pricing.schema.json pricing/pricing-overlay.schema.json package-lock.json >&2
  exit 1
fi

step "npm run format:check"
npm run --silent format:check -- --log-level warn
step "npm run pricing:check (pricing.json still assembles to the same bytes)"
npm run --silent pricing:check >/dev/null
step "npm run typecheck"
npm run --silent typecheck
step "npm run lint"
npm run --silent lint
if [ "$tests" = 1 ]; then
  step "unit tests"
  node esbuild.mjs --tests
  node --test --test-reporter=dot out/test/unit/
fi

changed=$(git diff --name-only | wc -l | tr -d ' ')
step "done: $changed files changed"
git diff --shortstat

if [ "$commit" = 1 ]; then
  checked="fixtures and generated files unchanged, format:check, pricing:check, typecheck and lint pass"
  [ "$tests" = 1 ] && checked="$checked, and the unit tests"
  git commit -q -am "Prettier over the codebase (.prettierrc.json: printWidth 160, single quotes, trailing commas): $changed files, formatting only; npm test runs format:check after lint. Made by scripts/reformat.sh, which checked: $checked"
  git log --oneline -1
fi
