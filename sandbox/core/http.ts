/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxRequest {
	method: string;
	/** Path below the vendor's prefix, e.g. `/crm/v3/objects/companies`. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: string;
	/** Parsed JSON or form body; undefined when empty. */
	body: unknown;
	/** Base URL of this vendor on the sandbox, for next links (`http://127.0.0.1:4010/<vendor>`). */
	vendorBaseUrl: string;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	/** Objects are sent as JSON; strings as they are. */
	body?: unknown;
}

export type Handler = (request: SandboxRequest, params: Record<string, string>) => SandboxResponse | Promise<SandboxResponse>;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	template: string;
	handler: Handler;
}

/** Method + path-template router (`/crm/v3/objects/:objectType/:id`). */
export class Router {
	private readonly routes: Route[] = [];

	on(method: string, template: string, handler: Handler): this {
		const keys: string[] = [];
		const source = template.replace(/[.$]/g, '\\$&').replace(/:(\w+)/g, (_match, key: string) => {
			keys.push(key);
			return '([^/]+)';
		});
		this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, template, handler });
		return this;
	}

	match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const found = route.pattern.exec(path);
			if (!found) continue;
			const params = Object.fromEntries(route.keys.map((key, index) => [key, decodeURIComponent(found[index + 1])]));
			return { route, params };
		}
		return undefined;
	}

	/** Whether some route has this path under another method (for 405 answers). */
	hasPath(path: string): boolean {
		return this.routes.some((route) => route.pattern.test(path));
	}
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): SandboxResponse => ({
	status,
	body,
	headers: { 'content-type': 'application/json;charset=utf-8', ...headers },
});

export function bearerToken(request: SandboxRequest): string | undefined {
	const header = request.headers.authorization;
	const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
	return match?.[1];
}
