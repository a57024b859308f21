import { json, type SandboxResponse } from '../../core/http';
import type { HubSpotFake } from './index';
import type { HubSpotRecord } from './store';

// The legacy Contacts API v1, on the same store as CRM v3: n8n's built-in HubSpot node still
// upserts contacts through it (developers.hubspot.com/docs/methods/contacts/create_or_update).

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

type V1Property = { property?: unknown; value?: unknown };

/** v1 writes take `{ properties: [{ property, value }] }`; values are kept as strings. */
function v1Properties(body: unknown): Record<string, string | null> | undefined {
	const list = (body as { properties?: unknown } | undefined)?.properties;
	if (list === undefined) return {};
	if (!Array.isArray(list)) return undefined;
	const properties: Record<string, string | null> = {};
	for (const entry of list as V1Property[]) {
		if (typeof entry?.property !== 'string' || entry.property === '') return undefined;
		properties[entry.property] = entry.value === null || entry.value === undefined ? null : String(entry.value);
	}
	return properties;
}

/** A v1 contact profile: every property as `{ value, versions }`, the vid and its identities. */
function v1Profile(record: HubSpotRecord, wanted: string[]): Record<string, unknown> {
	const timestamp = Date.parse(record.updatedAt);
	const names = wanted.length > 0 ? wanted : Object.keys(record.properties);
	const properties: Record<string, unknown> = {};
	for (const name of names) {
		const value = record.properties[name];
		if (value === null || value === undefined) continue;
		properties[name] = { value, versions: [{ value, 'source-type': 'API', 'source-id': null, 'source-label': null, timestamp, selected: false }] };
	}
	const vid = Number(record.id);
	return {
		vid,
		'canonical-vid': vid,
		'merged-vids': [],
		'portal-id': 62515,
		'is-contact': true,
		properties,
		'identity-profiles': [
			{
				vid,
				identities: [
					...(record.properties.email ? [{ type: 'EMAIL', value: record.properties.email, timestamp, 'is-primary': true }] : []),
					{ type: 'LEAD_GUID', value: `lead-${record.id}`, timestamp },
				],
			},
		],
	};
}

export function registerLegacyContactRoutes(fake: HubSpotFake): void {
	const router = fake.router;
	const invalidEmail = (email: string): SandboxResponse =>
		fake.error(400, 'VALIDATION_ERROR', 'Property values were not valid', {
			validationResults: [{ isValid: false, message: `Email address ${email} is invalid`, error: 'INVALID_EMAIL', name: 'email' }],
		});

	// 200 { vid, isNew }; 409 when the body moves the contact to an e-mail another contact has.
	router.on('POST', '/contacts/v1/contact/createOrUpdate/email/:email', (request, params) => {
		const email = params.email.trim();
		if (!EMAIL.test(email)) return invalidEmail(email);
		const properties = v1Properties(request.body);
		if (!properties) return fake.error(400, 'VALIDATION_ERROR', 'Invalid input JSON: properties must be a list of {property, value}');
		const invalid = fake.validateProperties('contacts', properties);
		if (invalid) return invalid;
		const existing = fake.store.findByProperty('contacts', 'email', email);
		const newEmail = properties.email;
		if (newEmail && newEmail.toLowerCase() !== email.toLowerCase()) {
			const holder = fake.store.findByProperty('contacts', 'email', newEmail);
			if (holder && holder.id !== existing?.id) {
				return fake.error(409, 'CONFLICT', 'Contact already exists', { error: 'CONTACT_EXISTS', identityProfile: { vid: Number(holder.id) } });
			}
		}
		const record = existing ? fake.store.update('contacts', existing, properties) : fake.store.insert('contacts', { email, ...properties });
		return json(200, { vid: Number(record.id), isNew: !existing });
	});

	router.on('GET', '/contacts/v1/contact/vid/:vid/profile', (request, params) => {
		const record = fake.store.objects.contacts.get(params.vid);
		if (!record || record.archived) return fake.error(404, 'OBJECT_NOT_FOUND', 'contact does not exist');
		return json(200, v1Profile(record, request.query.getAll('property')));
	});
}
