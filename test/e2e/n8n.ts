/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * A real n8n (the pinned 2.40.7 from scripts/install-n8n.sh) for end-to-end tests, demos and CI.
 *
 * startN8n() boots n8n on free ports with a fresh (or given) user folder, sets up the owner,
 * logs in and creates a public-API key, and hands back helpers for REST / public-API calls,
 * importing credentials and workflows, running workflows and waiting for executions.
 * mode 'queue' runs main + `workers` worker processes (default 1; logs prefixed [worker1],
 * [worker2], ...) on a private PostgreSQL and Redis (scripts/start-queue-services.sh).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ExecutionResult {
	id: string;
	status: string;
	finished: boolean;
	data?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	waitTill?: string | null;
	workflowId?: string;
	mode?: string;
	startedAt?: string | null;
	stoppedAt?: string | null;
}

export interface N8nInstance {
	baseUrl: string;
	userFolder: string;
	apiKey: string;
	cookie: string;
	/** Value of the browser-id header the cookie is bound to (n8n checks it on cookie-authenticated calls). */
	browserId: string;
	mode: 'regular' | 'queue';
	rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	importCredentials(creds: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>): Promise<void>;
	importWorkflow(workflow: object): Promise<string>;
	runWorkflow(id: string, timeoutMs?: number): Promise<ExecutionResult>;
	activate(id: string): Promise<void>;
	getExecution(id: string): Promise<ExecutionResult>;
	waitForExecution(id: string, predicate: (e: ExecutionResult) => boolean, timeoutMs?: number): Promise<ExecutionResult>;
	restart(): Promise<void>;
	stop(): Promise<void>;
	logs(): string;
	/** Queue mode: the worker processes' names, e.g. ['worker1', 'worker2'] (empty in regular mode). */
	readonly workerNames: string[];
	/** Queue mode: stops one worker (gracefully); the others keep taking jobs. */
	stopWorker(name: string): Promise<void>;
	/** Queue mode: starts a stopped worker again and waits until it is ready. */
	startWorker(name: string): Promise<void>;
	/**
	 * Queue mode: the workers that logged `Worker started execution <id>`, in log order: one entry
	 * per job (the first run and each resume after a wait), e.g. ['worker2', 'worker1'].
	 */
	workersThatRan(executionId: string): string[];
}

export interface StartOptions {
	mode?: 'regular' | 'queue';
	env?: Record<string, string>;
	port?: number;
	userFolder?: string;
	/** Queue mode: how many worker processes (default 1), each with its own broker and health port. */
	workers?: number;
}

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const SCRIPTS_DIR = path.join(PROJECT_ROOT, 'scripts');
const CACHE_DIR = path.join(PROJECT_ROOT, '.cache');
export const NODE24_BIN = path.join(CACHE_DIR, 'node24', 'node_modules', '.bin', 'node');
export const N8N_BIN = path.join(CACHE_DIR, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n');

/** Fixed, so a restarted instance (and a queue worker) can decrypt what an earlier process stored. */
export const E2E_ENCRYPTION_KEY = 'p2c-e2e-encryption-key-not-a-secret-0001';
export const E2E_OWNER = {
	email: 'owner@p2c-e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'P2c-e2e-Owner-1',
};

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_LINES_KEPT = 4000;
const FINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled', 'waiting']);

// ------------------------------------------------------------------------------------------ scripts

/** Runs a bash script of the project, streaming its output to stderr (progress for humans), and returns its stdout. */
function runScript(script: string, args: string[] = [], options: { echoStdout?: boolean } = {}): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [path.join(SCRIPTS_DIR, script), ...args], {
			cwd: PROJECT_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let tail = '';
		const keepTail = (text: string) => {
			tail = (tail + text).slice(-8000);
		};
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (text: string) => {
			stdout += text;
			keepTail(text);
			if (options.echoStdout !== false) process.stderr.write(text);
		});
		child.stderr.on('data', (text: string) => {
			keepTail(text);
			process.stderr.write(text);
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(stdout);
			else reject(new Error(`scripts/${script} ${args.join(' ')} exited with ${code}\n${tail}`));
		});
	});
}

export async function ensureN8nInstalled(): Promise<void> {
	await runScript('install-n8n.sh');
}

export async function ensurePackInstalled(userFolder: string): Promise<void> {
	await runScript('install-pack.sh', [userFolder]);
}

/** Starts (idempotently) the private PostgreSQL + Redis used by queue mode and creates `database`. */
export async function startQueueServices(database?: string): Promise<Record<string, string>> {
	const out = await runScript('start-queue-services.sh', database ? ['create-db', database] : ['start'], {
		echoStdout: false,
	});
	const env: Record<string, string> = {};
	for (const line of out.split('\n')) {
		const m = /^(P2C_[A-Z_]+)=(.*)$/.exec(line.trim());
		if (m) env[m[1]] = m[2];
	}
	return env;
}

/** Stops the queue-mode PostgreSQL and Redis (stop every n8n using them first). */
export async function stopQueueServices(): Promise<void> {
	await runScript('start-queue-services.sh', ['stop']);
}

// ------------------------------------------------------------------------------------------ utils

const reservedPorts = new Set<number>();

/** A free TCP port on 127.0.0.1, never handed out twice by this process. */
export async function freePort(): Promise<number> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = net.createServer();
			server.unref();
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const { port } = server.address() as net.AddressInfo;
				server.close(() => resolve(port));
			});
		});
		if (!reservedPorts.has(port)) {
			reservedPorts.add(port);
			return port;
		}
	}
	throw new Error('no free port found');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface HttpResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
}

function httpRequest(
	url: string,
	method: string,
	headers: Record<string, string>,
	body?: unknown,
	timeoutMs = 60_000,
): Promise<HttpResponse> {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const req = http.request(
			url,
			{
				method,
				headers: {
					accept: 'application/json',
					...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
					...headers,
				},
				timeout: timeoutMs,
				// A fresh connection per call: reusing a kept-alive socket n8n has just closed fails with "socket hang up".
				agent: false,
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
		req.on('error', reject);
		if (payload) req.write(payload);
		req.end();
	});
}

function parseJson(text: string): unknown {
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Keeps the last lines a process printed, for logs(). */
class LogTail {
	private lines: string[] = [];
	private partial = new Map<string, string>();
	/** Every `Worker started execution <id>` line, kept whole (the line tail may drop old lines). */
	readonly workerStarts: Array<{ worker: string; executionId: string }> = [];

	attach(child: ChildProcess, prefix: string): void {
		const onData = (stream: string) => (chunk: Buffer) => {
			const key = `${prefix}:${stream}`;
			const text = (this.partial.get(key) ?? '') + chunk.toString();
			const parts = text.split('\n');
			this.partial.set(key, parts.pop() ?? '');
			for (const line of parts) this.push(`[${prefix}] ${line}`);
		};
		child.stdout?.on('data', onData('out'));
		child.stderr?.on('data', onData('err'));
	}

	push(line: string): void {
		const start = /^\[(worker\d*)\] .*Worker started execution (\S+) /.exec(line);
		if (start) this.workerStarts.push({ worker: start[1], executionId: start[2] });
		this.lines.push(line);
		if (this.lines.length > LOG_LINES_KEPT) this.lines.splice(0, this.lines.length - LOG_LINES_KEPT);
	}

	text(): string {
		return this.lines.join('\n');
	}
}

interface ManagedProcess {
	name: string;
	child: ChildProcess;
	exited: Promise<number | null>;
}

const liveProcesses = new Set<ManagedProcess>();
const liveInstances = new Set<N8nInstance>();

/** Stops every instance this process started and has not stopped yet (for a test's afterAll). */
export async function stopAllN8n(): Promise<void> {
	await Promise.all([...liveInstances].map((i) => i.stop()));
}

/**
 * A tiny detached watchdog per n8n process group: when the test process dies (crash, timeout,
 * a test that never called stop()), it stops the group, so no n8n outlives its test run.
 * (An 'exit' listener would not do: under jest, `process` is a sandboxed copy.)
 */
const WATCHDOG = `
const [owner, group] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const timer = setInterval(() => {
	if (!alive(group)) process.exit(0);
	if (alive(owner)) return;
	clearInterval(timer);
	try { process.kill(-group, 'SIGTERM'); } catch {}
	setTimeout(() => { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }, 10000);
}, 1000);`;

function spawnN8n(name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, logTail: LogTail): ManagedProcess {
	// detached: n8n gets its own process group, so stopping it also stops its task-runner children.
	const child = spawn(NODE24_BIN, [N8N_BIN, ...args], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	logTail.attach(child, name);
	if (child.pid) {
		spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(child.pid)], {
			detached: true,
			stdio: 'ignore',
		}).unref();
	}
	// A forgotten instance must not keep the test runner alive; the watchdog then stops it.
	child.unref();
	(child.stdout as unknown as net.Socket | null)?.unref();
	(child.stderr as unknown as net.Socket | null)?.unref();
	const exited = new Promise<number | null>((resolve) => {
		child.on('exit', (code, signal) => {
			logTail.push(`[${name}] exited (code ${code}, signal ${signal})`);
			resolve(code);
		});
		child.on('error', (err) => {
			logTail.push(`[${name}] failed to start: ${err.message}`);
			resolve(-1);
		});
	});
	const managed: ManagedProcess = { name, child, exited };
	liveProcesses.add(managed);
	void exited.then(() => liveProcesses.delete(managed));
	return managed;
}

async function stopProcess(p: ManagedProcess | undefined): Promise<void> {
	if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			if (p.child.pid) process.kill(-p.child.pid, signal);
		} catch {
			// already gone
		}
	};
	signalGroup('SIGTERM');
	let timer: NodeJS.Timeout | undefined;
	const stopped = await Promise.race([
		p.exited.then(() => true),
		new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS))),
	]);
	clearTimeout(timer);
	if (!stopped) {
		signalGroup('SIGKILL');
		await p.exited;
	}
	// Task runners of the group may outlive the main process by a moment.
	signalGroup('SIGKILL');
}

async function waitForReady(url: string, proc: ManagedProcess, logTail: LogTail, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let exitCode: number | null | undefined;
	void proc.exited.then((code) => {
		exitCode = code;
	});
	while (Date.now() < deadline) {
		if (exitCode !== undefined) {
			throw new Error(`${proc.name} exited (code ${exitCode}) before it was ready\n${tailOf(logTail.text())}`);
		}
		try {
			const res = await httpRequest(url, 'GET', {}, undefined, 5000);
			if (res.status === 200) return;
		} catch {
			// not listening yet
		}
		await sleep(300);
	}
	throw new Error(`${proc.name} not ready at ${url} after ${timeoutMs} ms\n${tailOf(logTail.text())}`);
}

function tailOf(text: string, lines = 60): string {
	return text.split('\n').slice(-lines).join('\n');
}

// ------------------------------------------------------------------------------------------ instance

type AnyObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One queue-mode worker: its own task-broker port and health-check port (its readiness URL). */
interface WorkerSlot {
	name: string;
	env: NodeJS.ProcessEnv;
	healthPort: number;
	process?: ManagedProcess;
}

class N8nProcessInstance implements N8nInstance {
	baseUrl: string;
	apiKey = '';
	cookie = '';
	browserId = randomUUID();
	private main?: ManagedProcess;
	private readonly logTail = new LogTail();

	constructor(
		readonly mode: 'regular' | 'queue',
		readonly userFolder: string,
		port: number,
		private readonly env: NodeJS.ProcessEnv,
		private readonly workers: WorkerSlot[],
		private readonly ownsUserFolder: boolean,
		private readonly queueDatabase: string | undefined,
	) {
		this.baseUrl = `http://127.0.0.1:${port}`;
	}

	get workerNames(): string[] {
		return this.workers.map((worker) => worker.name);
	}

	logs(): string {
		return this.logTail.text();
	}

	workersThatRan(executionId: string): string[] {
		return this.logTail.workerStarts.filter((start) => start.executionId === executionId).map((start) => start.worker);
	}

	/** Boots main, then each worker (queue mode), waiting until each reports ready. */
	async boot(): Promise<void> {
		const started = Date.now();
		this.main = spawnN8n('main', ['start'], this.env, this.userFolder, this.logTail);
		await waitForReady(`${this.baseUrl}/healthz/readiness`, this.main, this.logTail);
		const took = [`main ${Date.now() - started} ms`];
		for (const worker of this.workers) took.push(`${worker.name} ${await this.bootWorker(worker)} ms`);
		process.stderr.write(`[n8n e2e] ${this.mode} n8n ready at ${this.baseUrl} (${took.join(', ')}; user folder ${this.userFolder})\n`);
	}

	/** Starts one worker and waits for its readiness; returns how long that took. */
	private async bootWorker(worker: WorkerSlot): Promise<number> {
		const started = Date.now();
		worker.process = spawnN8n(worker.name, ['worker', '--concurrency=5'], worker.env, this.userFolder, this.logTail);
		await waitForReady(`http://127.0.0.1:${worker.healthPort}/healthz/readiness`, worker.process, this.logTail);
		return Date.now() - started;
	}

	private workerNamed(name: string): WorkerSlot {
		const worker = this.workers.find((candidate) => candidate.name === name);
		if (!worker) throw new Error(`no worker ${name}; this instance has ${this.workerNames.join(', ') || 'none'}`);
		return worker;
	}

	async stopWorker(name: string): Promise<void> {
		const worker = this.workerNamed(name);
		await stopProcess(worker.process);
		worker.process = undefined;
	}

	async startWorker(name: string): Promise<void> {
		const worker = this.workerNamed(name);
		if (worker.process && worker.process.child.exitCode === null && worker.process.child.signalCode === null) return;
		const took = await this.bootWorker(worker);
		process.stderr.write(`[n8n e2e] ${name} ready again (${took} ms)\n`);
	}

	/** Creates the owner on a fresh database, logs in, and makes sure a public-API key exists. */
	async authenticate(): Promise<void> {
		const setup = await httpRequest(`${this.baseUrl}/rest/owner/setup`, 'POST', { 'browser-id': this.browserId }, E2E_OWNER);
		if (setup.status !== 200 && !/already/i.test(setup.text)) {
			throw new Error(`owner setup failed: HTTP ${setup.status} ${setup.text}`);
		}
		await this.login();
		if (!this.apiKey) {
			const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
			const created = await this.rest<AnyObject>('POST', '/api-keys', {
				label: `e2e-${Date.now()}`,
				scopes,
				expiresAt: null,
			});
			this.apiKey = String(created.rawApiKey ?? created.apiKey);
		}
	}

	private async login(): Promise<void> {
		const res = await httpRequest(
			`${this.baseUrl}/rest/login`,
			'POST',
			{ 'browser-id': this.browserId },
			{ emailOrLdapLoginId: E2E_OWNER.email, password: E2E_OWNER.password },
		);
		if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status} ${res.text}`);
		const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (!cookie) throw new Error(`login gave no n8n-auth cookie: ${JSON.stringify(res.headers['set-cookie'])}`);
		this.cookie = cookie;
	}

	async rest<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const p = urlPath.startsWith('/rest/') ? urlPath : `/rest${urlPath.startsWith('/') ? '' : '/'}${urlPath}`;
		const res = await httpRequest(`${this.baseUrl}${p}`, method, { cookie: this.cookie, 'browser-id': this.browserId }, body);
		const json = parseJson(res.text) as AnyObject | undefined;
		if (res.status >= 400) throw new Error(`${method} ${p} -> HTTP ${res.status}: ${res.text.slice(0, 2000)}`);
		// n8n's internal REST wraps results in { data }.
		return (json && typeof json === 'object' && 'data' in json ? json.data : json) as T;
	}

	async api<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const p = urlPath.startsWith('/api/') ? urlPath : `/api/v1${urlPath.startsWith('/') ? '' : '/'}${urlPath}`;
		const res = await httpRequest(`${this.baseUrl}${p}`, method, { 'X-N8N-API-KEY': this.apiKey }, body);
		if (res.status >= 400) throw new Error(`${method} ${p} -> HTTP ${res.status}: ${res.text.slice(0, 2000)}`);
		return parseJson(res.text) as T;
	}

	/**
	 * Imports credentials keeping their ids (workflows refer to credentials by id), with
	 * `n8n import:credentials` against the same database while the instance runs.
	 */
	async importCredentials(creds: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>): Promise<void> {
		if (creds.length === 0) return;
		const file = path.join(this.userFolder, `credentials-${Date.now()}-${randomBytes(3).toString('hex')}.json`);
		fs.writeFileSync(file, JSON.stringify(creds));
		try {
			// The CLI boots n8n's DI container; give it its own broker port in case it opens one.
			const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
			const child = spawn(NODE24_BIN, [N8N_BIN, 'import:credentials', `--input=${file}`], {
				cwd: this.userFolder,
				env,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let output = '';
			child.stdout.on('data', (c: Buffer) => (output += c.toString()));
			child.stderr.on('data', (c: Buffer) => (output += c.toString()));
			const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
			this.logTail.push(`[import:credentials] ${output.trim().split('\n').join('\n[import:credentials] ')}`);
			if (code !== 0) throw new Error(`n8n import:credentials exited with ${code}:\n${output}`);
		} finally {
			fs.rmSync(file, { force: true });
		}
		const known = await this.rest<AnyObject[]>('GET', '/credentials');
		const missing = creds.filter((c) => !known.some((k) => k.id === c.id));
		if (missing.length) throw new Error(`credentials not visible after import: ${missing.map((c) => c.id).join(', ')}`);
	}

	/** Creates the workflow through the REST API (keeping its id when it has one; an existing one is overwritten). */
	async importWorkflow(workflow: object): Promise<string> {
		const wf = workflow as AnyObject;
		const nodes = ((wf.nodes ?? []) as AnyObject[]).map((n) => ({ id: randomUUID(), ...n }));
		const body: AnyObject = {
			name: wf.name ?? `e2e workflow ${Date.now()}`,
			nodes,
			connections: wf.connections ?? {},
			settings: wf.settings ?? { executionOrder: 'v1' },
		};
		for (const key of ['pinData', 'meta', 'staticData', 'description']) if (wf[key] !== undefined) body[key] = wf[key];
		if (wf.id) {
			const found = await this.rest<{ exists: boolean }>('GET', `/workflows/${wf.id}/exists`);
			if (found.exists) {
				await this.rest('PATCH', `/workflows/${wf.id}?forceSave=true`, body);
				return String(wf.id);
			}
			body.id = wf.id;
		}
		const created = await this.rest<AnyObject>('POST', '/workflows', body);
		return String(created.id);
	}

	/** Picks the node a manual run starts from: a manual trigger first, then any other non-webhook trigger. */
	private static pickStart(nodes: AnyObject[]): { triggerToStartFrom: { name: string } } | { destinationNode: { nodeName: string; mode: 'inclusive' } } {
		const byType = (pred: (t: string) => boolean) => nodes.find((n) => !n.disabled && pred(String(n.type)));
		const trigger =
			byType((t) => t === 'n8n-nodes-base.manualTrigger') ??
			byType((t) => t === 'n8n-nodes-base.executeWorkflowTrigger') ??
			byType((t) => /trigger$/i.test(t) && !/webhook/i.test(t));
		if (trigger) return { triggerToStartFrom: { name: String(trigger.name) } };
		// No trigger: run up to a node with no outgoing connections (n8n then starts from the first node).
		const last = nodes[nodes.length - 1];
		if (!last) throw new Error('workflow has no nodes');
		return { destinationNode: { nodeName: String(last.name), mode: 'inclusive' } };
	}

	async runWorkflow(id: string, timeoutMs = 120_000): Promise<ExecutionResult> {
		const wf = await this.rest<AnyObject>('GET', `/workflows/${id}`);
		const start = N8nProcessInstance.pickStart(wf.nodes as AnyObject[]);
		const result = await this.rest<AnyObject>('POST', `/workflows/${id}/run`, start);
		if (!result || !result.executionId) {
			throw new Error(`manual run of ${id} did not start an execution: ${JSON.stringify(result)}`);
		}
		return await this.waitForExecution(String(result.executionId), (e) => e.finished || FINAL_STATUSES.has(e.status), timeoutMs);
	}

	async activate(id: string): Promise<void> {
		await this.api('POST', `/workflows/${id}/publish`, {});
		// Webhooks register a moment after the call returns.
		await sleep(1500);
	}

	async getExecution(id: string): Promise<ExecutionResult> {
		const e = await this.api<AnyObject>('GET', `/executions/${id}?includeData=true`);
		return {
			...e,
			id: String(e.id),
			status: String(e.status),
			finished: Boolean(e.finished),
			data: e.data,
			waitTill: e.waitTill ?? null,
		} as ExecutionResult;
	}

	async waitForExecution(
		id: string,
		predicate: (e: ExecutionResult) => boolean,
		timeoutMs = 120_000,
	): Promise<ExecutionResult> {
		const deadline = Date.now() + timeoutMs;
		let last: ExecutionResult | undefined;
		let lastError: unknown;
		while (Date.now() < deadline) {
			try {
				last = await this.getExecution(id);
				if (predicate(last)) return last;
			} catch (error) {
				// The execution row may not be visible yet (queue mode writes it from the worker).
				lastError = error;
			}
			await sleep(300);
		}
		throw new Error(
			`execution ${id} did not reach the expected state in ${timeoutMs} ms; last: ${
				last ? JSON.stringify({ status: last.status, finished: last.finished, waitTill: last.waitTill }) : String(lastError)
			}\n${tailOf(this.logs())}`,
		);
	}

	async restart(): Promise<void> {
		await this.stopProcesses();
		await this.boot();
		await this.login();
	}

	private async stopProcesses(): Promise<void> {
		// Workers first, then main (in-flight jobs finish or go back to the queue).
		await Promise.all(this.workers.map(async (worker) => await stopProcess(worker.process)));
		await stopProcess(this.main);
		for (const worker of this.workers) worker.process = undefined;
		this.main = undefined;
	}

	/** Stops n8n; a user folder (and queue database) that startN8n created itself is deleted unless P2C_E2E_KEEP=1. */
	async stop(): Promise<void> {
		await this.stopProcesses();
		liveInstances.delete(this);
		if (this.ownsUserFolder && process.env.P2C_E2E_KEEP !== '1') {
			if (this.queueDatabase) await runScript('start-queue-services.sh', ['drop-db', this.queueDatabase]).catch(() => undefined);
			fs.rmSync(this.userFolder, { recursive: true, force: true });
		}
	}
}

/** Starts a real n8n; see the file comment. The returned instance must be stopped by the caller. */
export async function startN8n(options: StartOptions = {}): Promise<N8nInstance> {
	const mode = options.mode ?? 'regular';
	const workerCount = mode === 'queue' ? (options.workers ?? 1) : 0;
	if (mode === 'queue' && (!Number.isInteger(workerCount) || workerCount < 1)) throw new Error(`workers must be a positive integer, got ${workerCount}`);
	if (mode !== 'queue' && options.workers !== undefined) throw new Error('workers needs mode: queue');
	if (!fs.existsSync(NODE24_BIN) || !fs.existsSync(N8N_BIN)) await ensureN8nInstalled();

	const userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-n8n-'));
	fs.mkdirSync(userFolder, { recursive: true });
	const port = options.port ?? (await freePort());
	const baseUrl = `http://127.0.0.1:${port}`;

	const env: NodeJS.ProcessEnv = {
		...process.env,
		// n8n's task runner launcher uses process.execPath, but anything else spawned must find node 24 first.
		PATH: `${path.dirname(NODE24_BIN)}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: baseUrl,
		N8N_WEBHOOK_URL: `${baseUrl}/`,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_PUBLIC_API_DISABLED: 'false',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '15',
		NODE_ENV: 'production',
	};
	// Settings of the test process itself must not leak into n8n.
	delete env.NODE_OPTIONS;
	delete env.JEST_WORKER_ID;

	const workers: WorkerSlot[] = [];
	let database: string | undefined;
	if (mode === 'queue') {
		// One database per user folder, remembered there so restart() and a reused folder find it again.
		const dbFile = path.join(userFolder, '.p2c-queue-db');
		database = fs.existsSync(dbFile)
			? fs.readFileSync(dbFile, 'utf8').trim()
			: `n8n_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
		fs.writeFileSync(dbFile, database);
		const services = await startQueueServices(database);
		Object.assign(env, {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: services.P2C_PG_HOST,
			DB_POSTGRESDB_PORT: services.P2C_PG_PORT,
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: services.P2C_PG_USER,
			DB_POSTGRESDB_PASSWORD: services.P2C_PG_PASSWORD,
			EXECUTIONS_MODE: 'queue',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_BULL_REDIS_HOST: services.P2C_REDIS_HOST,
			QUEUE_BULL_REDIS_PORT: services.P2C_REDIS_PORT,
			// Instances share one Redis: a prefix per database keeps their job queues apart.
			QUEUE_BULL_PREFIX: `bull_${database}`,
		});
		for (let index = 1; index <= workerCount; index++) {
			// Each worker opens its own task broker and health check: ports must not clash.
			const healthPort = await freePort();
			const workerEnv: NodeJS.ProcessEnv = {
				...env,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			};
			workers.push({ name: `worker${index}`, env: workerEnv, healthPort });
		}
	}
	Object.assign(env, options.env ?? {});
	for (const worker of workers) Object.assign(worker.env, options.env ?? {});

	const instance = new N8nProcessInstance(mode, userFolder, port, env, workers, !options.userFolder, database);
	liveInstances.add(instance);
	try {
		await instance.boot();
		await instance.authenticate();
	} catch (error) {
		await instance.stop();
		throw error;
	}
	return instance;
}
