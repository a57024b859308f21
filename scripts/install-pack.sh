#!/usr/bin/env bash
# Builds this package, packs it, and installs the tarball into an n8n user folder the way
# n8n's Community Nodes installer does: as an npm dependency of <userFolder>/.n8n/nodes,
# so its node types load as "<package name>.<node name>".
# Usage: bash scripts/install-pack.sh <userFolder> [--skip-build]     (env P2C_SKIP_BUILD=1 = --skip-build)
set -euo pipefail

# shellcheck source=scripts/n8n-env.sh
. "$(dirname "$0")/n8n-env.sh"

if [ $# -lt 1 ] || [ -z "$1" ]; then
	echo "usage: $0 <userFolder> [--skip-build]" >&2
	exit 2
fi
USER_FOLDER="$(mkdir -p "$1" && cd "$1" && pwd)"
# --skip-build (or P2C_SKIP_BUILD=1, e.g. when the caller has just built) packs dist/ as it is.
SKIP_BUILD="${P2C_SKIP_BUILD:-0}"
[ "${2:-}" = "--skip-build" ] && SKIP_BUILD=1

NODES_DIR="$USER_FOLDER/.n8n/nodes"
SECONDS=0
log() { printf '[install-pack %s +%ss] %s\n' "$(date +%H:%M:%S)" "$SECONDS" "$*"; }
fail() {
	printf '[install-pack] FAILED: %s\n' "$*" >&2
	exit 1
}

cd "$P2C_ROOT"
PKG_NAME="$(node -p "require('./package.json').name")"
PKG_VERSION="$(node -p "require('./package.json').version")"

if [ "$SKIP_BUILD" = 0 ]; then
	mkdir -p "$P2C_CACHE_DIR/logs"
	BUILD_LOG="$P2C_CACHE_DIR/logs/build.log"
	log "building $PKG_NAME@$PKG_VERSION (npm run build, log: $BUILD_LOG)"
	# The build's spinner output is noise in a log: keep it in a file, show it only on failure.
	if ! npm run build >"$BUILD_LOG" 2>&1; then
		tail -n 60 "$BUILD_LOG" >&2
		fail "npm run build failed (full log: $BUILD_LOG)"
	fi
fi

PACK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/p2c-pack.XXXXXX")"
trap 'rm -rf "$PACK_DIR"' EXIT
log "packing into $PACK_DIR"
# --ignore-scripts: no prepack/prepublish hooks; --json gives the tarball's file name.
TARBALL_NAME="$(npm pack --ignore-scripts --pack-destination "$PACK_DIR" --json | node -e \
	'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].filename))')"
[ -f "$PACK_DIR/$TARBALL_NAME" ] || fail "npm pack did not produce $PACK_DIR/$TARBALL_NAME"

mkdir -p "$NODES_DIR"
if [ ! -f "$NODES_DIR/package.json" ]; then
	# Same shape as the package.json n8n's community-package installer creates in this folder.
	printf '{\n  "name": "installed-nodes",\n  "private": true,\n  "dependencies": {}\n}\n' >"$NODES_DIR/package.json"
fi

# Mirror n8n 2.40's CommunityPackagesService.downloadPackage: unpack the tarball into
# node_modules/<name>, drop dev/peer/optional dependencies from its package.json, run a plain
# "npm install" inside it (own dependencies only, no scripts), then record it in nodes/package.json.
PKG_DIR="$NODES_DIR/node_modules/$PKG_NAME"
log "installing $TARBALL_NAME into $PKG_DIR"
rm -rf "${PKG_DIR:?}"
mkdir -p "$PKG_DIR"
tar -xzf "$PACK_DIR/$TARBALL_NAME" -C "$PKG_DIR" --strip-components=1
node -e '
const fs = require("fs");
const file = process.argv[1];
const { devDependencies, peerDependencies, optionalDependencies, ...rest } = JSON.parse(fs.readFileSync(file, "utf8"));
fs.writeFileSync(file, JSON.stringify(rest, null, 2));
' "$PKG_DIR/package.json"
(cd "$PKG_DIR" && npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow \
	--ignore-scripts=true --package-lock=false --loglevel=warn) || fail "npm install inside $PKG_DIR failed"
node -e '
const fs = require("fs");
const [file, name, version] = process.argv.slice(1);
const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
pkg.dependencies = { ...(pkg.dependencies || {}), [name]: version };
fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$NODES_DIR/package.json" "$PKG_NAME" "$PKG_VERSION"

INSTALLED="$NODES_DIR/node_modules/$PKG_NAME/package.json"
[ -f "$INSTALLED" ] || fail "$INSTALLED is missing after the install"
log "installed $PKG_NAME@$(node -p "require('$INSTALLED').version") into $NODES_DIR/node_modules/$PKG_NAME"
