/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultMix, type FaultRule } from './core/faults';
import type { SandboxRequest, SandboxResponse } from './core/http';
import type { VendorFake } from './core/vendor';
import { generateFirm, type SeedOptions } from './seed/firm';
import { createVendorFakes } from './vendors';

export interface SandboxOptions {
	port?: number;
	host?: string;
	seed?: number;
	scale?: number;
}

export interface LoggedRequest {
	vendor: string;
	method: string;
	path: string;
	route: string;
	query: Record<string, string[]>;
	headers: Record<string, string>;
	body: unknown;
	status?: number;
}

export interface Sandbox {
	url: string;
	port: number;
	server: Server;
	vendors: Map<string, VendorFake>;
	faults: FaultInjector;
	requests: LoggedRequest[];
	/** Every access and refresh token the fakes' token endpoints issued since start (a reset keeps them): tests check none leaks. */
	issuedTokens: Set<string>;
	reset(options?: Partial<SeedOptions>): void;
	close(): Promise<void>;
}

const SENSITIVE_HEADERS = new Set(['authorization', 'cookie']);
// The inbox stands for the firm's own chat and webhook receivers, not a vendor: the random fault mix spares it.
const MIX_EXEMPT_VENDORS = new Set(['inbox']);

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Uint8Array[] = [];
	for await (const chunk of request) chunks.push(chunk as Uint8Array);
	return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): unknown {
	if (raw === '') return undefined;
	if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

function send(response: ServerResponse, answer: SandboxResponse): void {
	const headers = { ...answer.headers };
	let payload = '';
	if (answer.body !== undefined) {
		payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
		if (!Object.keys(headers).some((key) => key.toLowerCase() === 'content-type')) {
			headers['content-type'] = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
		}
	}
	response.writeHead(answer.status, headers);
	response.end(payload);
}

const ISSUED_TOKEN_FIELDS = ['access_token', 'refresh_token', 'id_token'];

function collectIssuedTokens(body: unknown, into: Set<string>): void {
	if (!body || typeof body !== 'object') return;
	for (const field of ISSUED_TOKEN_FIELDS) {
		const value = (body as Record<string, unknown>)[field];
		if (typeof value === 'string' && value !== '') into.add(value);
	}
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the vendor sandbox: every vendor fake under its own path prefix, plus `/__admin`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	let seedOptions: SeedOptions = { seed: options.seed ?? 42, scale: options.scale ?? 1 };
	const vendors = new Map<string, VendorFake>();
	for (const fake of createVendorFakes()) vendors.set(fake.name, fake);
	const faults = new FaultInjector();
	const requests: LoggedRequest[] = [];
	const issuedTokens = new Set<string>();

	const reset = (next: Partial<SeedOptions> = {}) => {
		seedOptions = { ...seedOptions, ...next };
		const firm = generateFirm(seedOptions);
		for (const fake of vendors.values()) fake.reset(firm);
		faults.clear();
		requests.length = 0;
	};
	reset();

	const sandbox = {} as Sandbox;
	const server = createServer((incoming, outgoing) => {
		void (async () => {
			const url = new URL(incoming.url ?? '/', 'http://sandbox');
			const method = (incoming.method ?? 'GET').toUpperCase();
			const raw = await readBody(incoming);
			const body = parseBody(raw, incoming.headers['content-type']);
			if (url.pathname.startsWith('/__admin')) {
				send(outgoing, admin(method, url.pathname.slice('/__admin'.length), body, url.searchParams));
				return;
			}
			const [, vendorName = '', ...rest] = url.pathname.split('/');
			const fake = vendors.get(vendorName);
			if (!fake) {
				send(outgoing, { status: 404, body: { error: `no vendor fake at /${vendorName}`, vendors: [...vendors.keys()] } });
				return;
			}
			const path = `/${rest.join('/')}`;
			const request: SandboxRequest = {
				method,
				path,
				query: url.searchParams,
				headers: incoming.headers,
				rawBody: raw,
				body,
				vendorBaseUrl: `${sandbox.url}/${vendorName}`,
			};
			const matched = fake.router.match(method, path);
			const logged: LoggedRequest = {
				vendor: vendorName,
				method,
				path,
				route: matched?.route.template ?? path,
				query: Object.fromEntries([...new Set(url.searchParams.keys())].map((key) => [key, url.searchParams.getAll(key)])),
				headers: Object.fromEntries(
					Object.entries(incoming.headers)
						.filter(([key]) => !SENSITIVE_HEADERS.has(key))
						.map(([key, value]) => [key, String(value)]),
				),
				body,
			};
			requests.push(logged);

			const fault = faults.take(vendorName, method, path, { mix: !MIX_EXEMPT_VENDORS.has(vendorName) });
			if (fault?.kind === 'latency') await sleep(fault.latencyMs ?? 1000);
			if (fault?.kind === 'reset') {
				incoming.socket.destroy();
				return;
			}
			if (fault?.kind === 'status') {
				logged.status = fault.status ?? 503;
				send(outgoing, {
					status: logged.status,
					headers: { 'content-type': 'application/json', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) },
					body: fault.body ?? { message: 'injected fault' },
				});
				return;
			}
			if (fault?.kind === 'malformed') {
				logged.status = 200;
				send(outgoing, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"results": [ {"id": ' });
				return;
			}

			let answer: SandboxResponse;
			try {
				answer =
					fake.guard(request, matched?.route.template) ??
					(matched ? await matched.route.handler(request, matched.params) : fake.notFound(request));
			} catch (error) {
				answer = { status: 500, body: { message: `sandbox error: ${(error as Error).message}` } };
			}
			logged.status = answer.status;
			collectIssuedTokens(answer.body, issuedTokens);
			if (fault?.kind === 'dropAfterCommit') {
				incoming.socket.destroy();
				return;
			}
			send(outgoing, answer);
		})().catch((error: Error) => {
			outgoing.statusCode = 500;
			outgoing.end(error.message);
		});
	});

	function admin(method: string, path: string, body: unknown, query: URLSearchParams): SandboxResponse {
		const input = (body ?? {}) as Record<string, unknown>;
		if (method === 'GET' && path === '/health') return { status: 200, body: { ok: true, vendors: [...vendors.keys()], seed: seedOptions } };
		if (method === 'POST' && path === '/reset') {
			reset({
				...(input.seed !== undefined ? { seed: Number(input.seed) } : {}),
				...(input.scale !== undefined ? { scale: Number(input.scale) } : {}),
			});
			return { status: 200, body: { ok: true, seed: seedOptions } };
		}
		const stateMatch = /^\/state\/(\w+)$/.exec(path);
		if (method === 'GET' && stateMatch) {
			const fake = vendors.get(stateMatch[1]);
			return fake ? { status: 200, body: fake.state() } : { status: 404, body: { error: 'unknown vendor' } };
		}
		if (method === 'GET' && path === '/requests') {
			const vendor = query.get('vendor');
			const list = requests.filter((entry) => !vendor || entry.vendor === vendor);
			const counts: Record<string, number> = {};
			for (const entry of list) counts[`${entry.vendor} ${entry.method} ${entry.route}`] = (counts[`${entry.vendor} ${entry.method} ${entry.route}`] ?? 0) + 1;
			return { status: 200, body: { total: list.length, counts, requests: query.get('log') === 'false' ? undefined : list } };
		}
		if (method === 'DELETE' && path === '/requests') {
			requests.length = 0;
			return { status: 200, body: { ok: true } };
		}
		if (method === 'POST' && path === '/faults/mix') {
			try {
				faults.setMix({ rate: Number(input.rate ?? 0.1), kinds: (input.kinds ?? []) as FaultMix['kinds'], seed: Number(input.seed ?? 1), ...(Array.isArray(input.vendors) ? { vendors: input.vendors as string[] } : {}) });
			} catch (error) {
				return { status: 400, body: { error: (error as Error).message } };
			}
			return { status: 200, body: { mix: faults.currentMix(), injected: faults.injected() } };
		}
		if (method === 'GET' && path === '/faults') return { status: 200, body: { pending: faults.pending(), mix: faults.currentMix() ?? null, injected: faults.injected() } };
		if (method === 'POST' && path === '/faults') {
			const rules = (Array.isArray(input.rules) ? input.rules : [input]) as FaultRule[];
			for (const rule of rules) faults.add(rule);
			return { status: 200, body: { pending: faults.pending() } };
		}
		const vendorAction = /^\/vendors\/(\w+)\/(\w+)$/.exec(path);
		if (method === 'POST' && vendorAction) {
			const fake = vendors.get(vendorAction[1]);
			if (!fake?.admin) return { status: 404, body: { error: `vendor ${vendorAction[1]} has no admin actions` } };
			return fake.admin(vendorAction[2], input);
		}
		if (method === 'DELETE' && path === '/faults') {
			faults.clear();
			return { status: 200, body: { ok: true } };
		}
		return { status: 404, body: { error: `unknown admin route ${method} ${path}` } };
	}

	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	Object.assign(sandbox, {
		url: `http://${options.host ?? '127.0.0.1'}:${port}`,
		port,
		server,
		vendors,
		faults,
		requests,
		issuedTokens,
		reset,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	});
	return sandbox;
}
