#!/usr/bin/env bash
# The sha512 (hex) of a packed tarball, as docker/Dockerfile's P2C_SHA512 build argument wants it.
# Usage: bash docker/checksum.sh n8n-nodes-project-to-cash-<version>.tgz
set -euo pipefail
[ -f "${1:-}" ] || { echo "usage: $0 <tarball>" >&2; exit 2; }
sha512sum "$1" | cut -d' ' -f1
