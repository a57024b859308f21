/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The Docker recipe in the README (docker/Dockerfile) cannot be built here (no Docker, no image
 * registry): this checks that it pins the packed version and the n8n the project tests, and that its
 * checksum recipe (docker/checksum.sh) gives the tarball's real sha512, the one npm records.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const dockerfile = fs.readFileSync(path.join(ROOT, 'docker', 'Dockerfile'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

describe('the Docker recipe', () => {
	test('pins the package version and the n8n the end-to-end tests run', () => {
		expect(dockerfile).toContain(`ARG P2C_VERSION=${pkg.version}`);
		expect(dockerfile).toContain('COPY n8n-nodes-project-to-cash-${P2C_VERSION}.tgz');
		const pinned = /^N8N_PINNED_VERSION="([\d.]+)"/m.exec(fs.readFileSync(path.join(ROOT, 'scripts', 'n8n-env.sh'), 'utf8'))?.[1];
		expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
		expect(dockerfile).toContain(`ARG N8N_VERSION=${pinned}`);
		expect(dockerfile).toMatch(/sha512sum -c -/);
		expect(dockerfile).toMatch(/npm install --legacy-peer-deps --ignore-scripts/);
	});

	test('the checksum recipe gives the packed tarball\'s real sha512', () => {
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-docker-'));
		try {
			fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, files: ['index.js'] }));
			fs.writeFileSync(path.join(work, 'index.js'), 'module.exports = {};\n');
			const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts'], { cwd: work, encoding: 'utf8' })) as Array<{ filename: string; integrity: string }>;
			const tarball = path.join(work, packed.filename);
			const recipe = execFileSync('bash', [path.join(ROOT, 'docker', 'checksum.sh'), tarball], { encoding: 'utf8' }).trim();
			expect(recipe).toBe(createHash('sha512').update(new Uint8Array(fs.readFileSync(tarball))).digest('hex'));
			// The same digest npm records as the tarball's integrity (base64 there).
			expect(`sha512-${Buffer.from(recipe, 'hex').toString('base64')}`).toBe(packed.integrity);
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}
	});
});
