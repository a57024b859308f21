/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The package as users get it: built, packed, installed into n8n's community-nodes folder the way
 * n8n's installer does, and loaded by a real n8n 2.40.7. Node and credential lists are read from
 * package.json at run time, so the test follows whatever the package declares.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureN8nInstalled, ensurePackInstalled, PROJECT_ROOT, startN8n, stopAllN8n, type N8nInstance } from './n8n';

// A first run installs n8n (about 5 minutes); testTimeout in a jest project config is ignored by jest 29.
jest.setTimeout(15 * 60_000);

interface PackageJson {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const PKG_NAME = readJson<PackageJson>(path.join(PROJECT_ROOT, 'package.json')).name;
const PREFIX = `${PKG_NAME}.`;
/** The by-hand install the README documents (in ~/.n8n/nodes): the pack alone, never its peer n8n-workflow. */
const BY_HAND_INSTALL = 'npm install --legacy-peer-deps --ignore-scripts --no-audit --no-fund <tarball>';

/**
 * Reads the type names the installed package declares (description.name of each node in
 * n8n.nodes, name of each credential in n8n.credentials) by loading its dist files in a separate
 * node process; n8n-workflow resolves from the project's node_modules, as from n8n's at run time.
 */
function declaredNames(packageDir: string): { nodes: string[]; credentials: string[] } {
	const script = `
		const path = require('path');
		const pkg = require('./package.json');
		const names = (files, pick) => files.map((file) => {
			const mod = require(path.resolve(file));
			const Cls = Object.values(mod).find((v) => typeof v === 'function');
			if (!Cls) throw new Error(file + ' exports no class');
			return pick(new Cls());
		});
		console.log(JSON.stringify({
			nodes: names(pkg.n8n.nodes, (n) => n.description.name),
			credentials: names(pkg.n8n.credentials, (c) => c.name),
		}));`;
	const out = execFileSync(process.execPath, ['-e', script], {
		cwd: packageDir,
		encoding: 'utf8',
		env: { ...process.env, NODE_PATH: path.join(PROJECT_ROOT, 'node_modules') },
	});
	return JSON.parse(out.trim().split('\n').pop() as string);
}

async function readJsonWhenPresent<T>(file: string, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (fs.existsSync(file)) {
			try {
				return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
			} catch (error) {
				// n8n may still be writing it
				if (Date.now() > deadline) throw error;
			}
		}
		if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

describe('community-node install into a real n8n', () => {
	let n8n: N8nInstance | undefined;
	let userFolder: string;
	let packageDir: string;

	beforeAll(async () => {
		await ensureN8nInstalled();
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-community-'));
		await ensurePackInstalled(userFolder);
		packageDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PKG_NAME);
		n8n = await startN8n({ userFolder });
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopAllN8n();
		if (userFolder && process.env.P2C_E2E_KEEP !== '1') fs.rmSync(userFolder, { recursive: true, force: true });
	});

	test('the tarball holds only dist/ plus package.json, README and LICENSE', () => {
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: PROJECT_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		const [report] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
		const unexpected = report.files
			.map((f) => f.path)
			.filter((p) => !p.startsWith('dist/') && !/^(package\.json|README(\.md)?|LICEN[CS]E(\.md|\.txt)?)$/i.test(p));
		expect(unexpected).toEqual([]);
		expect(report.files.map((f) => f.path)).toContain('package.json');
	});

	test('the README\'s by-hand install installs the pack alone, offline, with an empty npm cache', () => {
		const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
		expect(readme).toContain(BY_HAND_INSTALL);
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-by-hand-'));
		try {
			const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: PROJECT_ROOT, encoding: 'utf8' })) as Array<{ filename: string }>;
			const nodesDir = path.join(work, 'nodes');
			fs.mkdirSync(nodesDir);
			execFileSync('npm', ['init', '-y'], { cwd: nodesDir, stdio: 'ignore' });
			const args = BY_HAND_INSTALL.replace(/^npm install /, '').split(' ').filter((arg) => arg !== '<tarball>');
			execFileSync('npm', ['install', ...args, path.join(work, packed.filename)], {
				cwd: nodesDir,
				stdio: 'pipe',
				env: { ...process.env, npm_config_cache: path.join(work, 'empty-cache'), npm_config_offline: 'true' },
			});
			// Only the pack: n8n-workflow (its peer) and everything else come from the host n8n.
			expect(fs.readdirSync(path.join(nodesDir, 'node_modules')).filter((entry) => !entry.startsWith('.'))).toEqual([PKG_NAME]);
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}
	});

	test('the package sits in the community-nodes folder like an n8n install', () => {
		const manifest = readJson<{ dependencies: Record<string, string> }>(path.join(userFolder, '.n8n', 'nodes', 'package.json'));
		expect(manifest.dependencies[PKG_NAME]).toBeDefined();
		const installed = readJson<PackageJson & Record<string, unknown>>(path.join(packageDir, 'package.json'));
		// n8n's installer strips these before installing the package's own dependencies.
		expect(installed.devDependencies).toBeUndefined();
		expect(installed.peerDependencies).toBeUndefined();
		// Every file the package declares to n8n was packed.
		for (const file of [...installed.n8n.nodes, ...installed.n8n.credentials]) {
			expect(fs.existsSync(path.join(packageDir, file)) ? file : `missing: ${file}`).toBe(file);
		}
	});

	test('every node in package.json n8n.nodes loads as <package>.<name>', async () => {
		const declared = declaredNames(packageDir).nodes;
		if (declared.length === 0) console.warn('package.json n8n.nodes is empty: nothing to check');
		const types = await readJsonWhenPresent<Array<{ name: string; version: number | number[] }>>(
			path.join(userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json'),
		);
		const loaded = new Set(types.map((t) => t.name).filter((n) => n.startsWith(PREFIX)));
		const expected = declared.map((name) => PREFIX + name);
		expect(expected.filter((name) => !loaded.has(name))).toEqual([]);
		// n8n adds a "<name>Tool" variant of each node marked usableAsTool; nothing else may appear.
		const allowed = new Set([...expected, ...expected.map((name) => `${name}Tool`)]);
		expect([...loaded].filter((name) => !allowed.has(name))).toEqual([]);

		// And n8n serves each node's full description (lazy-loaded from the package on demand).
		for (const name of expected) {
			const entry = types.find((t) => t.name === name)!;
			const version = Array.isArray(entry.version) ? entry.version[entry.version.length - 1] : entry.version;
			const [description] = await n8n!.rest<Array<{ name: string } | null>>('POST', '/node-types', {
				nodeInfos: [{ name, version }],
			});
			// (The description carries the bare name, as the package wrote it.)
			expect([name, name.slice(PREFIX.length)]).toContain(description?.name);
		}
		expect(n8n!.logs()).not.toMatch(new RegExp(`Failed to load package "${PKG_NAME}"`));
	});

	test('every credential in package.json n8n.credentials is known to n8n', async () => {
		const declared = declaredNames(packageDir).credentials;
		const types = await readJsonWhenPresent<Array<{ name: string }>>(
			path.join(userFolder, '.cache', 'n8n', 'public', 'types', 'credentials.json'),
		);
		const known = new Set(types.map((t) => t.name));
		expect(declared.filter((name) => !known.has(name))).toEqual([]);
	});
});
