/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The vendor host gateway: an HTTP proxy that lets software with hard-coded vendor hosts (n8n's
 * built-in vendor nodes call the vendors' real hosts) reach the
 * sandbox without being changed. Point HTTPS_PROXY/HTTP_PROXY at it and NODE_EXTRA_CA_CERTS at its
 * CA: it accepts CONNECT for the known vendor hosts only, terminates TLS with a throwaway
 * certificate for those hosts, and forwards each decrypted request to the sandbox under the
 * vendor's prefix (https://<vendor host>/x -> <sandbox>/<vendor>/x), where it is logged and
 * rate-limited like any other request. Every other host is refused (403).
 *
 * The CA and the leaf certificate are made with the `openssl` CLI into .cache/gateway (git-ignored)
 * and reused while they match the host list.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { createVendorFakes } from './vendors';

/** Vendor hosts the gateway answers for, and the sandbox prefix each one maps to: each fake names its vendor's real hosts. */
export const VENDOR_HOSTS: Record<string, string> = Object.fromEntries(createVendorFakes().flatMap((fake) => (fake.hosts ?? []).map((host) => [host, `/${fake.name}`])));

export interface GatewayCertificates {
	caFile: string;
	keyPem: string;
	certPem: string;
}

export interface VendorGateway {
	/** `http://127.0.0.1:<port>`: the value for HTTPS_PROXY and HTTP_PROXY. */
	url: string;
	port: number;
	/** The CA certificate file: the value for NODE_EXTRA_CA_CERTS. */
	caFile: string;
	/** Requests forwarded to the sandbox, by vendor host. */
	forwarded: Record<string, number>;
	/** CONNECT or plain requests refused because their host is not a known vendor host. */
	refused: string[];
	/** Environment for a process whose vendor calls should go through the gateway (local ones go direct). */
	env(): Record<string, string>;
	close(): Promise<void>;
}

const DEFAULT_DIR = path.resolve(__dirname, '..', '.cache', 'gateway');

function openssl(args: string[], cwd: string): void {
	execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A throwaway CA and a leaf certificate for `hosts` (subjectAltName), made with openssl once and
 * kept in `dir`; made again when the host list changes.
 */
export function ensureGatewayCertificates(hosts: string[] = Object.keys(VENDOR_HOSTS), dir = DEFAULT_DIR): GatewayCertificates {
	fs.mkdirSync(dir, { recursive: true });
	const files = { caKey: 'ca.key', ca: 'ca.pem', key: 'leaf.key', csr: 'leaf.csr', cert: 'leaf.pem', ext: 'leaf.ext', hosts: 'hosts.txt' };
	const wanted = [...hosts].sort().join('\n');
	const current = fs.existsSync(path.join(dir, files.hosts)) ? fs.readFileSync(path.join(dir, files.hosts), 'utf8') : '';
	const complete = [files.ca, files.key, files.cert].every((file) => fs.existsSync(path.join(dir, file)));
	if (!complete || current !== wanted) {
		openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', files.caKey, '-out', files.ca, '-days', '30', '-subj', '/CN=p2c sandbox vendor gateway CA (throwaway)'], dir);
		openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', files.key, '-out', files.csr, '-subj', `/CN=${hosts[0]}`], dir);
		fs.writeFileSync(
			path.join(dir, files.ext),
			['basicConstraints=CA:FALSE', 'keyUsage=digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth', `subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}`].join('\n'),
		);
		openssl(['x509', '-req', '-in', files.csr, '-CA', files.ca, '-CAkey', files.caKey, '-CAcreateserial', '-out', files.cert, '-days', '30', '-extfile', files.ext], dir);
		fs.writeFileSync(path.join(dir, files.hosts), wanted);
	}
	return {
		caFile: path.join(dir, files.ca),
		keyPem: fs.readFileSync(path.join(dir, files.key), 'utf8'),
		certPem: fs.readFileSync(path.join(dir, files.cert), 'utf8'),
	};
}

/** `host:port` or `host` -> host, lower-case. */
const hostOf = (authority: string): string => authority.replace(/:\d+$/, '').toLowerCase();

/**
 * Starts the gateway in front of the sandbox at `sandboxUrl` (e.g. http://127.0.0.1:4010).
 * `hosts` maps each accepted vendor host to its sandbox prefix.
 */
export async function startVendorGateway(
	sandboxUrl: string,
	options: { hosts?: Record<string, string>; certificateDir?: string; port?: number } = {},
): Promise<VendorGateway> {
	const hosts = options.hosts ?? VENDOR_HOSTS;
	const certificates = ensureGatewayCertificates(Object.keys(hosts), options.certificateDir);
	const sandbox = new URL(sandboxUrl);
	const forwarded: Record<string, number> = {};
	const refused: string[] = [];
	// The vendor host each decrypted connection was opened for (from its CONNECT line).
	const tunnelHost = new WeakMap<Socket, string>();
	// Tunnelled sockets leave the HTTP server after CONNECT: kept here so close() can end them.
	const tunnels = new Set<Socket>();

	const refuse = (response: http.ServerResponse, host: string) => {
		refused.push(host);
		response.writeHead(403, { 'content-type': 'text/plain' });
		response.end(`the sandbox vendor gateway does not forward to ${host}\n`);
	};

	/** Forwards one request for `host` to the sandbox under the host's prefix. */
	const forward = (host: string, pathAndQuery: string, request: http.IncomingMessage, response: http.ServerResponse) => {
		forwarded[host] = (forwarded[host] ?? 0) + 1;
		const headers: http.OutgoingHttpHeaders = { ...request.headers, host: sandbox.host, 'x-forwarded-host': host, 'x-forwarded-proto': 'https' };
		delete headers['proxy-connection'];
		const upstream = http.request(
			{ hostname: sandbox.hostname, port: sandbox.port, method: request.method, path: `${hosts[host]}${pathAndQuery}`, headers, agent: false },
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		upstream.on('error', (error) => {
			if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
			response.end(`sandbox vendor gateway: ${error.message}\n`);
		});
		request.pipe(upstream);
	};

	// Requests arriving decrypted through a tunnel: the path is origin-form (`/crm/v3/...`).
	const inner = http.createServer((request, response) => {
		const host = tunnelHost.get(request.socket) ?? hostOf(String(request.headers.host ?? ''));
		if (!(host in hosts)) return refuse(response, host);
		forward(host, request.url ?? '/', request, response);
	});

	// Plain proxy requests (absolute-form `GET https://api.hubapi.com/...`, as HTTP_PROXY clients send them).
	const server = http.createServer((request, response) => {
		let target: URL;
		try {
			target = new URL(request.url ?? '');
		} catch {
			response.writeHead(400, { 'content-type': 'text/plain' });
			response.end('the sandbox vendor gateway is a proxy: send absolute URLs or CONNECT\n');
			return;
		}
		const host = target.hostname.toLowerCase();
		if (!(host in hosts)) return refuse(response, host);
		forward(host, `${target.pathname}${target.search}`, request, response);
	});

	server.on('connect', (request: http.IncomingMessage, client: Socket, head: Buffer) => {
		const host = hostOf(request.url ?? '');
		if (!(host in hosts)) {
			refused.push(host);
			client.end('HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\nnot a sandbox vendor host\n');
			return;
		}
		tunnels.add(client);
		client.on('close', () => tunnels.delete(client));
		client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length > 0) client.unshift(head);
		const secure = new tls.TLSSocket(client, { isServer: true, key: certificates.keyPem, cert: certificates.certPem });
		secure.on('error', () => client.destroy());
		client.on('error', () => secure.destroy());
		tunnelHost.set(secure, host);
		inner.emit('connection', secure);
	});
	server.on('clientError', (_error, socket) => socket.destroy());

	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		port,
		caFile: certificates.caFile,
		forwarded,
		refused,
		env: () => ({
			HTTPS_PROXY: url,
			HTTP_PROXY: url,
			https_proxy: url,
			http_proxy: url,
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			NODE_EXTRA_CA_CERTS: certificates.caFile,
		}),
		close: async () => {
			for (const socket of tunnels) socket.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
