/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/** Every credential type of the pack, by name, loaded from credentials/. */
export function loadCredentialTypes(): Map<string, ICredentialType> {
	const dir = join(__dirname, '..', '..', 'credentials');
	const types = new Map<string, ICredentialType>();
	for (const file of readdirSync(dir).filter((name) => name.endsWith('.credentials.ts'))) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(join(dir, file)) as Record<string, new () => ICredentialType>;
		for (const Type of Object.values(module)) {
			const instance = new Type();
			types.set(instance.name, instance);
		}
	}
	return types;
}

/** Resolves `={{$credentials.x}}`-style templates, the only expression form our credentials use. */
function resolveTemplate(template: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof template !== 'string' || !template.startsWith('=')) return template;
	return template.slice(1).replace(/\{\{\s*(.+?)\s*\}\}/g, (_match, expression: string) => {
		const direct = /^\$credentials\.(\w+)$/.exec(expression);
		if (direct) return String(credentials[direct[1]] ?? '');
		const defaulted = /^\$credentials\.(\w+)\s*\|\|\s*'([^']*)'$/.exec(expression);
		if (defaulted) return String(credentials[defaulted[1]] || defaulted[2]);
		throw new Error(`test credentials helper cannot resolve expression {{${expression}}}`);
	});
}

/**
 * The credential side of n8n's CredentialsHelper for tests: stored credential data by id,
 * generic `authenticate` definitions, `preAuthentication` with expirable fields, OAuth2 token
 * persistence. Requests themselves go through n8n-core's real helpers.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, { type: string; data: ICredentialDataDecryptedObject }>();

	constructor(readonly types: Map<string, ICredentialType>) {
		super();
	}

	set(id: string, type: string, data: ICredentialDataDecryptedObject): void {
		this.store.set(id, { type, data: { ...data } });
	}

	getParentTypes(name: string): string[] {
		const type = this.types.get(name);
		const parents = type?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const type = this.types.get(typeName);
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = type?.authenticate;
		if (!authenticate) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		const properties = authenticate.properties as Record<string, Record<string, unknown> | undefined>;
		for (const target of ['headers', 'qs', 'body'] as const) {
			const entries = properties[target];
			if (!entries) continue;
			const resolved = Object.fromEntries(
				Object.entries(entries).map(([key, value]) => [key, resolveTemplate(value, credentials)]),
			);
			const current = (options[target] ?? {}) as Record<string, unknown>;
			(options as unknown as Record<string, unknown>)[target] = { ...current, ...resolved };
		}
		if (properties.auth) {
			const auth = properties.auth as Record<string, unknown>;
			options.auth = {
				username: String(resolveTemplate(auth.username, credentials)),
				password: String(resolveTemplate(auth.password, credentials)),
			};
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.get(typeName);
		if (!type?.preAuthentication) return undefined;
		const expirable = type.properties.find((property) => property.typeOptions?.expirable === true);
		if (!expirable) return undefined;
		if (!credentialsExpired && credentials[expirable.name]) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		const id = node.credentials?.[typeName]?.id;
		if (id && this.store.has(id)) Object.assign(this.store.get(id)!.data, output);
		return output;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return (await this.types.get(typeName)?.preAuthentication?.call(helpers, credentials)) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the pack');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const entry = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!entry || entry.type !== type) throw new Error(`no test credential ${nodeCredentials.id} of type ${type}`);
		const defaults = Object.fromEntries(
			(this.types.get(type)?.properties ?? [])
				.filter((property) => property.default !== undefined && property.type !== 'notice')
				.map((property) => [property.name, property.default]),
		);
		const resolved: ICredentialDataDecryptedObject = { ...defaults, ...entry.data } as ICredentialDataDecryptedObject;
		return resolved;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		if (nodeCredentials.id) this.set(nodeCredentials.id, type, data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const entry = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (entry) entry.data.oauthTokenData = data.oauthTokenData;
		else if (nodeCredentials.id) this.set(nodeCredentials.id, type, data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.get(type)?.properties ?? [];
	}
}
