/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The release workflow cannot run here (it needs GitHub Actions and npm): this reads it and checks
 * the steps n8n's verification relies on: a version tag triggers it, the project's CI gates the
 * publish, and `npm publish` runs with a provenance statement (OIDC `id-token: write`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
type Step = { run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { needs?: string | string[]; permissions?: Record<string, string>; steps: Step[] };
const workflow = parse(fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as { on: { push: { tags: string[] } }; permissions?: Record<string, string>; jobs: Record<string, Job> };

describe('the release workflow', () => {
	test('runs on a version tag only', () => {
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push.tags).toEqual(['v*.*.*']);
		expect(workflow.permissions).toEqual({ contents: 'read' });
	});

	test('runs the project\'s CI before anything is published', () => {
		expect(workflow.jobs.test.steps.some((step) => step.run === 'bash .ci/run')).toBe(true);
		expect(fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/npm test/);
		expect(workflow.jobs.publish.needs).toBe('test');
	});

	test('publishes to npm with a provenance statement, the tag equal to the package version', () => {
		const publish = workflow.jobs.publish;
		expect(publish.permissions).toMatchObject({ 'id-token': 'write' });
		const runs = publish.steps.map((step) => step.run ?? '');
		const build = runs.findIndex((run) => run === 'npm run build');
		const release = runs.findIndex((run) => /^npm publish\b/.test(run));
		expect(build).toBeGreaterThanOrEqual(0);
		expect(release).toBeGreaterThan(build);
		expect(runs[release]).toMatch(/--provenance/);
		expect(publish.steps[release].env?.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
		expect(runs.some((run) => run.includes('require(\'./package.json\').version') && run.includes('GITHUB_REF_NAME'))).toBe(true);
		expect(publish.steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['registry-url']).toBe('https://registry.npmjs.org');
	});
});
