#!/usr/bin/env node
/**
 * n8n's community-package scan, run locally: the same lint the scanner runs after it downloads a
 * package (`@n8n/scan-community-package`'s `analyzePackage`, inline eslint-disable comments
 * ignored), over the source with the scanner's own SOURCE_FILE_PATTERNS and over the packed tarball's
 * files (`**\/*.js` and package.json), plus a check that the tarball holds only the package.
 * The scanner is installed from the registry with --ignore-scripts into .cache/scanner (pinned).
 * Usage: node scripts/scan-package.mjs   (after `npm run build`); exits 1 on any finding.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const SCANNER_VERSION = '0.32.0';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scannerDir = path.join(root, '.cache', 'scanner');
const scannerModule = path.join(scannerDir, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
const log = (line) => process.stdout.write(`[scan] ${line}\n`);

function installScanner() {
	const stamp = path.join(scannerDir, 'version');
	if (fs.existsSync(scannerModule) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === SCANNER_VERSION) return;
	log(`installing @n8n/scan-community-package@${SCANNER_VERSION} into .cache/scanner`);
	fs.mkdirSync(scannerDir, { recursive: true });
	fs.writeFileSync(path.join(scannerDir, 'package.json'), JSON.stringify({ name: 'p2c-scanner', version: '1.0.0', private: true }));
	execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `@n8n/scan-community-package@${SCANNER_VERSION}`], { cwd: scannerDir, stdio: 'inherit' });
	fs.writeFileSync(stamp, SCANNER_VERSION);
}

/** Packs the package as `npm publish` would and extracts it; returns the extracted folder and its file list. */
function packAndExtract() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-scan-'));
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', work]);
	return { dir: path.join(work, 'package'), files: packed.files.map((file) => file.path), work };
}

installScanner();
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerModule).href);
const { dir, files, work } = packAndExtract();
let failed = false;

// Only what the package is: its manifest, README, licence and the built nodes and credentials (no maps, declarations or build info).
const stray = files.filter((file) => !/^(package\.json|README\.md|LICENSE)$/.test(file) && !/^dist\/(nodes|credentials)\/.+\.(js|svg|png|json)$/.test(file));
log(`tarball: ${files.length} files`);
if (stray.length > 0) {
	failed = true;
	log(`files that are not the package:\n  ${stray.join('\n  ')}`);
}

for (const [label, target, patterns] of [
	['source', root, SOURCE_FILE_PATTERNS],
	['tarball', dir, ['**/*.js', 'package.json']],
]) {
	const result = await analyzePackage(target, patterns);
	log(`${label}: ${result.passed ? 'no findings' : result.message}`);
	if (!result.passed) {
		failed = true;
		process.stdout.write(`${result.details ?? ''}\n`);
	}
}
fs.rmSync(work, { recursive: true, force: true });
log(failed ? 'FAILED' : 'passed');
process.exit(failed ? 1 : 0);
