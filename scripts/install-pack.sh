#!/usr/bin/env bash
# Builds this package, packs it, and installs the tarball into an n8n user folder the way
# n8n's Community Nodes installer does: as an npm dependency of <userFolder>/.n8n/nodes,
# so its node types load as "<package name>.<node name>".
# Usage: bash scripts/install-pack.sh <userFolder> [--skip-build]
set -euo pipefail

# shellcheck source=scripts/n8n-env.sh
. "$(dirname "$0")/n8n-env.sh"

if [ $# -lt 1 ] || [ -z "$1" ]; then
	echo "usage: $0 <userFolder> [--skip-build]" >&2
	exit 2
fi
USER_FOLDER="$(mkdir -p "$1" && cd "$1" && pwd)"
SKIP_BUILD=0
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
	log "building $PKG_NAME@$PKG_VERSION (npm run build)"
	npm run build || fail "npm run build failed"
fi

PACK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/p2c-pack.XXXXXX")"
trap 'rm -rf "$PACK_DIR"' EXIT
log "packing into $PACK_DIR"
# --ignore-scripts: no prepack/prepublish hooks; --json gives the tarball's file name.
TARBALL_NAME="$(npm pack --ignore-scripts --pack-destination "$PACK_DIR" --json | node -e \
	'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].filename))')"
[ -f "$PACK_DIR/$TARBALL_NAME" ] || fail "npm pack did not produce $PACK_DIR/$TARBALL_NAME"

mkdir -p "$NODES_DIR/packs"
# Keep the tarball beside the install, so the file: dependency in package.json stays resolvable.
cp "$PACK_DIR/$TARBALL_NAME" "$NODES_DIR/packs/$TARBALL_NAME"
if [ ! -f "$NODES_DIR/package.json" ]; then
	# Same shape as the package.json n8n's community-package installer creates in this folder.
	printf '{\n  "name": "installed-nodes",\n  "private": true\n}\n' >"$NODES_DIR/package.json"
fi

log "installing $TARBALL_NAME into $NODES_DIR"
# Remove an earlier install first: npm may keep it when the version number did not change.
rm -rf "${NODES_DIR:?}/node_modules/$PKG_NAME"
# Like n8n's installer: no lifecycle scripts, no dev dependencies, and no peer dependencies
# (n8n-workflow must come from the n8n host, not a second copy inside the nodes folder).
(cd "$NODES_DIR" && npm install "./packs/$TARBALL_NAME" \
	--ignore-scripts --omit=dev --omit=peer --legacy-peer-deps --no-audit --no-fund --no-package-lock --loglevel=warn) ||
	fail "npm install of the tarball into $NODES_DIR failed"

INSTALLED="$NODES_DIR/node_modules/$PKG_NAME/package.json"
[ -f "$INSTALLED" ] || fail "$INSTALLED is missing after the install"
log "installed $PKG_NAME@$(node -p "require('$INSTALLED').version") into $NODES_DIR/node_modules/$PKG_NAME"
