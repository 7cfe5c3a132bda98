#!/usr/bin/env bash
# Builds the runner image (codestream-sandbox:trixie) from Debian packages and, for Kotlin
# and Scala, compiler jars from Maven Central.
#
#   1. base: `debootstrap --variant=minbase --include=<packages.txt> trixie` into a
#      directory, tarred to .cache/sandbox/base-<packages hash>.tar and imported as
#      codestream-base:<packages hash>. Cached: only a change of packages.txt redoes it.
#   2. runner: `docker build` of sandbox/Dockerfile on top of that base, with the jars of
#      sandbox/maven.lock (downloaded once into .cache/sandbox/maven, sha256 checked),
#      labelled codestream.hash=<hash of every file in sandbox/, the lock included>.
#      Skipped when the image already carries the current hash.
#
# Usage: sandbox/build.sh [--force]     (--force rebuilds even when the hash matches)
# Env:   DEBIAN_MIRROR  mirror for debootstrap (default: first URIs line of
#                       /etc/apt/sources.list.d/debian.sources, else deb.debian.org)
#        SANDBOX_IMAGE  image name (default codestream-sandbox:trixie, as in
#                       shared/src/sandboxImage.ts)
#        MAVEN_REPO     Maven repository for sandbox/maven.lock (default Maven Central)
# Needs: a running Docker engine (scripts/ensure-docker.sh) and, for step 1, root on
# Debian (debootstrap is installed with apt-get when missing).
set -euo pipefail

sandbox_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(cd "$sandbox_dir/.." && pwd)"
cache_dir="$root_dir/.cache/sandbox"
image="${SANDBOX_IMAGE:-codestream-sandbox:trixie}"
suite=trixie
force=0
[[ "${1:-}" == --force ]] && force=1

say() { echo "[sandbox] $*"; }
die() { echo "[sandbox] error: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "Docker is not running; start it with scripts/ensure-docker.sh"

# Package list without comments and blanks, sorted, so reordering lines changes nothing.
packages="$(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$sandbox_dir/packages.txt" | { grep -v '^$' || true; } | sort -u | paste -sd, -)"
[[ -n "$packages" ]] || die "sandbox/packages.txt lists no packages"
arch="$(dpkg --print-architecture 2>/dev/null || uname -m)"

# Bump base_format when the way the root fs is produced changes (not just the packages).
base_format=1
base_hash="$(printf '%s\n' "format=$base_format" "suite=$suite" "arch=$arch" "packages=$packages" | sha256sum | cut -c1-16)"
base_image="codestream-base:$base_hash"

# Every input file of sandbox/ (names and contents), plus the base it builds on.
image_hash="$(
  cd "$sandbox_dir"
  { echo "base=$base_hash"; find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-16
)"

current="$(docker image inspect -f '{{ index .Config.Labels "codestream.hash" }}' "$image" 2>/dev/null || true)"
if [[ "$current" == "$image_hash" && $force == 0 ]]; then
  say "$image is up to date (codestream.hash=$image_hash); nothing to do."
  exit 0
fi
say "building $image (codestream.hash=$image_hash, packages: $packages)"

mirror_from_sources() {
  local f=/etc/apt/sources.list.d/debian.sources
  if [[ -r $f ]]; then
    awk '/^URIs:/ { print $2; exit }' "$f"
  elif [[ -r /etc/apt/sources.list ]]; then
    awk '$1 == "deb" && $2 !~ /^\[/ { print $2; exit }' /etc/apt/sources.list
  fi
}

build_base_tarball() {
  local tarball="$1"
  [[ "$(id -u)" == 0 ]] || die "debootstrap needs root; run sandbox/build.sh as root (or on a machine that has built $base_image)"
  if ! command -v debootstrap >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || die "debootstrap is missing and apt-get is not available to install it"
    say "installing debootstrap…"
    DEBIAN_FRONTEND=noninteractive apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap
  fi
  local mirror="${DEBIAN_MIRROR:-$(mirror_from_sources)}"
  mirror="${mirror:-http://deb.debian.org/debian}"
  local rootfs="$cache_dir/rootfs-$base_hash"
  rm -rf "$rootfs"
  say "debootstrap --variant=minbase --include=$packages $suite from $mirror (several minutes)…"
  # A failed debootstrap leaves a half-built tree with mounts in it; never cache that.
  if ! debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror" >"$cache_dir/debootstrap.log" 2>&1; then
    tail -n 30 "$cache_dir/debootstrap.log" >&2
    umount -R "$rootfs/proc" "$rootfs/sys" 2>/dev/null || true
    rm -rf "$rootfs"
    die "debootstrap failed (full log: $cache_dir/debootstrap.log)"
  fi
  # Downloaded .debs and apt lists are not needed to run programs.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  say "packing root filesystem…"
  tar --numeric-owner -C "$rootfs" -cf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
  rm -rf "$rootfs"
  # Tarballs of other package sets are dead weight (hundreds of MB each).
  find "$cache_dir" -maxdepth 1 -name 'base-*.tar' ! -name "base-$base_hash.tar" -print -delete | sed 's/^/[sandbox] removed old /'
}

if docker image inspect "$base_image" >/dev/null 2>&1; then
  say "base image $base_image exists."
else
  mkdir -p "$cache_dir"
  tarball="$cache_dir/base-$base_hash.tar"
  if [[ -f "$tarball" ]]; then
    say "using cached root filesystem $tarball"
  else
    build_base_tarball "$tarball"
  fi
  say "importing $tarball as $base_image…"
  docker import --message "codestream sandbox base: $packages" - "$base_image" <"$tarball" >/dev/null
fi

# Kotlin and Scala compilers (sandbox/maven.lock): each jar is downloaded once into
# .cache/sandbox/maven and checked against its pinned sha256 on every build, so a second
# build downloads nothing. The build context is sandbox/ plus maven/<tool>/lib/<artifact>.jar.
sha_of() { sha256sum "$1" | cut -c1-64; }
stage_maven_jars() {
  local context="$1" repo="${MAVEN_REPO:-https://repo.maven.apache.org/maven2}"
  local tool coords sha group artifact version rel jar
  while read -r tool coords sha; do
    IFS=: read -r group artifact version <<<"$coords"
    rel="${group//.//}/$artifact/$version/$artifact-$version.jar"
    jar="$cache_dir/maven/$rel"
    if [[ ! -f $jar ]]; then
      command -v curl >/dev/null 2>&1 || die "curl is needed to download $coords (apt-get install curl)"
      say "downloading $coords…"
      mkdir -p "$(dirname "$jar")"
      curl -fsSL --retry 3 -o "$jar.tmp" "$repo/$rel" || die "could not download $repo/$rel"
      [[ "$(sha_of "$jar.tmp")" == "$sha" ]] || { rm -f "$jar.tmp"; die "$coords: sha256 differs from sandbox/maven.lock"; }
      mv "$jar.tmp" "$jar"
    fi
    [[ "$(sha_of "$jar")" == "$sha" ]] || die "$jar: sha256 differs from sandbox/maven.lock (delete it to download it again)"
    mkdir -p "$context/maven/$tool/lib"
    cp "$jar" "$context/maven/$tool/lib/$artifact.jar"
  done < <(sed -e 's/#.*//' "$sandbox_dir/maven.lock" | awk 'NF == 3')
}
context="$cache_dir/context"
rm -rf "$context"
mkdir -p "$context"
cp -a "$sandbox_dir/." "$context/"
stage_maven_jars "$context"

# --network none: the build needs no network (everything came from debootstrap and Maven
# Central above), and the engine runs without a default bridge, so a build that wanted one
# would fail anyway.
say "docker build sandbox/Dockerfile on $base_image…"
docker build --network none --build-arg "BASE=$base_image" --label "codestream.hash=$image_hash" \
  -t "$image" "$context"
rm -rf "$context"
say "built $image (codestream.hash=$image_hash)."
