#!/usr/bin/env bash
# The whole test suite: `npm test`. Works on a fresh clone: it installs what it needs
# (node_modules, the pinned n8n runtime for the end-to-end tests) and prints one closing line
# "N passed, N failed".
#   P2C_SKIP_E2E=1 npm test   runs unit and integration tests only (no real n8n).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if [ ! -d node_modules/@n8n/node-cli ]; then
	step "installing dependencies (npm ci)"
	npm ci --no-audit --no-fund
fi

step "building the package (n8n-node build)"
npm run --silent build >/dev/null

results_dir="$(mktemp -d)"
trap 'rm -rf "$results_dir"' EXIT
status=0

step "n8n's community-package scan, locally: its lint over the source and the packed tarball, and the tarball holds only the package (scripts/scan-package.mjs)"
scan_failed=0
node scripts/scan-package.mjs || { status=1; scan_failed=1; }

step "type-checking the tests, the sandbox and the scripts (ts-jest transpiles them without types)"
types_failed=0
npx tsc -p tsconfig.dev.json || { status=1; types_failed=1; }

step "unit and integration tests"
npx jest --selectProjects unit integration --json --outputFile="$results_dir/fast.json" || status=1

if [ "${P2C_SKIP_E2E:-0}" != "1" ]; then
	step "installing the pinned n8n runtime if needed (scripts/install-n8n.sh)"
	bash scripts/install-n8n.sh
	step "end-to-end tests in a real n8n (one at a time: each starts its own n8n)"
	# The package was built above: installing it into each n8n packs dist/ as it is.
	P2C_SKIP_BUILD=1 npx jest --selectProjects e2e --runInBand --json --outputFile="$results_dir/e2e.json" || status=1
fi

node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0, suitesFailed = 0;
for (const file of fs.readdirSync(process.argv[1])) {
	const result = JSON.parse(fs.readFileSync(`${process.argv[1]}/${file}`, "utf8"));
	passed += result.numPassedTests; failed += result.numFailedTests; skipped += result.numPendingTests;
	suitesFailed += result.numFailedTestSuites;
}
if (suitesFailed > 0 && failed === 0) failed = suitesFailed; // a suite that failed to load counts
// The community-package scan and the type-check are one check each: passed or failed.
for (const check of [process.argv[2], process.argv[3]]) if (check === "1") failed += 1; else passed += 1;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
' "$results_dir" "$scan_failed" "$types_failed" || status=1
exit $status
