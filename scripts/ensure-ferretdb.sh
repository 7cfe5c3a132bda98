#!/usr/bin/env bash
# Builds the embedded MongoDB-compatible server (FerretDB, SQLite handler) once per
# machine into .cache/bin/ferretdb. `go install` of this module gives a binary that
# panics at start (its version file is generated at release time), so it is built from
# the module's source with that file written in.
set -euo pipefail
cd "$(dirname "$0")/.."

version=v1.24.2
bin=.cache/bin/ferretdb
stamp=.cache/bin/ferretdb.version

if [[ -x $bin && -f $stamp && $(cat "$stamp") == "$version" ]]; then
  exit 0
fi
command -v go >/dev/null || { echo "Go is needed to build the embedded database (FerretDB): install Go 1.22+ or set MONGODB_URI." >&2; exit 1; }

echo "==> Building the embedded database (FerretDB $version, first run only: a few minutes)"
src_dir=$(go mod download -json "github.com/FerretDB/FerretDB@$version" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
[[ -d $src_dir ]] || { echo "Could not download FerretDB $version from the Go module proxy." >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src_dir/." "$work/"
chmod -R u+w "$work"
echo "$version" > "$work/build/version/version.txt"
mkdir -p .cache/bin
(cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$OLDPWD/$bin.tmp" ./cmd/ferretdb)
mv "$bin.tmp" "$bin"
echo "$version" > "$stamp"
echo "    built $bin"
