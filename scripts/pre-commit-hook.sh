#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml): checks the files pre-commit passes, the staged
# markdown files. In pre-commit's own copy of this repository the command line is built on the
# first run (npm ci and the build, a minute or two); later runs use it as it is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$here/dist/cli.js" ]; then
  echo "proposal-kit: building the command line once (npm ci, then the build)..." >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error && node esbuild.mjs) >&2
fi
exec node "$here/dist/cli.js" check "$@"
