#!/usr/bin/env bash
# The one-command demo: `npm run demo`. Works on a fresh clone: installs node_modules if they are
# missing, builds the package, installs the pinned n8n runtime (scripts/install-n8n.sh), then starts
# the vendor sandbox and n8n with the pack and the three templates (scripts/demo.ts).
#   SANDBOX_PORT (4010) and N8N_PORT (5678) choose the ports.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n[demo %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if [ ! -d node_modules/@n8n/node-cli ]; then
	step "installing dependencies (npm ci)"
	npm ci --no-audit --no-fund
fi

step "building the package (n8n-node build)"
mkdir -p .cache/logs
if ! npm run --silent build >.cache/logs/demo-build.log 2>&1; then
	tail -n 40 .cache/logs/demo-build.log >&2
	echo "[demo] the build failed (full log: .cache/logs/demo-build.log)" >&2
	exit 1
fi

step "installing the pinned n8n runtime if needed (scripts/install-n8n.sh)"
bash scripts/install-n8n.sh

step "starting the sandbox and n8n (scripts/demo.ts)"
exec npx tsx scripts/demo.ts
