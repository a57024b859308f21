/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The registry is the only place a vendor is registered: everything else derives from it, and a
 * vendor that is registered cannot be missing from any derived list. Checked here without a sandbox.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Crm } from '../../nodes/Crm/Crm.node';
import { crmCapabilities } from '../../nodes/Crm/systems';
import { Erp } from '../../nodes/Erp/Erp.node';
import { erpCapabilities } from '../../nodes/Erp/systems';
import { Hris } from '../../nodes/Hris/Hris.node';
import { hrisCapabilities } from '../../nodes/Hris/systems';
import { Psa } from '../../nodes/Psa/Psa.node';
import { psaCapabilities } from '../../nodes/Psa/systems';
import type { CapabilityDefinition } from '../../nodes/shared/node/types';
import { mappingProfiles, systemKeys, systemsOf, vendors, type Category } from '../../nodes/vendors';
import { sandboxCredentials } from '../../sandbox/credentials';
import { createVendorFakes } from '../../sandbox/vendors';

const ROOT = path.resolve(__dirname, '..', '..');
const CATEGORIES: Array<{ category: Category; capabilities: CapabilityDefinition[]; node: { description: { codex?: { alias?: string[] }; properties: Array<{ name: string; options?: unknown }> } } }> = [
	{ category: 'crm', capabilities: crmCapabilities, node: new Crm() },
	{ category: 'psa', capabilities: psaCapabilities, node: new Psa() },
	{ category: 'erp', capabilities: erpCapabilities, node: new Erp() },
	{ category: 'hris', capabilities: hrisCapabilities, node: new Hris() },
];

function filesUnder(directory: string): string[] {
	const found: string[] = [];
	for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
		const full = path.join(directory, entry.name);
		if (entry.isDirectory()) found.push(...filesUnder(full));
		else if (/\.(ts|json)$/.test(entry.name)) found.push(full);
	}
	return found;
}

/** The spellings a vendor is named by in text: its key and its display name (any case). */
const namesOf = (vendor: (typeof vendors)[number]): RegExp[] =>
	[vendor.key, vendor.displayName, ...Object.values(vendor.systems).flatMap((system) => [...(system?.aliases ?? [])])].map((name) => new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'), 'i'));

describe('the vendor registry', () => {
	test.each(vendors.map((vendor) => [vendor.key, vendor] as const))('%s: each of its systems carries its key and name, and only capabilities its category defines', (_key, vendor) => {
		const categories = Object.keys(vendor.systems) as Category[];
		expect(categories.length).toBeGreaterThan(0);
		for (const category of categories) {
			const system = vendor.systems[category]!;
			expect({ key: system.key, displayName: system.displayName }).toEqual({ key: vendor.key, displayName: vendor.displayName });
			const known = CATEGORIES.find((entry) => entry.category === category)!.capabilities.map((capability) => capability.value);
			expect(system.capabilities.filter((capability) => !known.includes(capability))).toEqual([]);
			expect(system.credentials.length).toBeGreaterThan(0);
		}
		for (const profile of vendor.mappingProfiles) expect(profile.system).toBe(vendor.key);
	});

	test('system keys are unique, and are what externalRefs may carry', () => {
		expect(new Set(systemKeys).size).toBe(vendors.length);
		expect(systemKeys).not.toContain('key');
	});

	test.each(CATEGORIES.map((entry) => [entry.category, entry] as const))('the %s node offers exactly the registered systems, searchable by name', (category, entry) => {
		const systems = systemsOf(category);
		const picker = entry.node.description.properties.find((property) => property.name === 'system') as { options: Array<{ value: string }> };
		expect(picker.options.map((option) => option.value)).toEqual(systems.map((system) => system.key));
		for (const system of systems) expect(entry.node.description.codex?.alias).toContain(system.displayName);
	});

	test('the Canonical Mapping node has the profiles of every registered vendor and no other', () => {
		expect([...new Set(mappingProfiles.map((profile) => profile.system))].sort()).toEqual(vendors.filter((vendor) => vendor.mappingProfiles.length > 0).map((vendor) => vendor.key).sort());
	});

	test.each(vendors.map((vendor) => [vendor.key, vendor] as const))('%s: package.json lists its credentials, and each has its own credential file', (_key, vendor) => {
		const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };
		for (const system of Object.values(vendor.systems)) {
			for (const credential of system!.credentials) {
				const file = fs.readdirSync(path.join(ROOT, 'credentials')).find((name) => name.toLowerCase() === `${credential.credentialType.toLowerCase()}.credentials.ts`);
				expect({ type: credential.credentialType, file: Boolean(file) }).toEqual({ type: credential.credentialType, file: true });
				const source = fs.readFileSync(path.join(ROOT, 'credentials', file!), 'utf8');
				expect(source).toContain(`name = '${credential.credentialType}'`);
				expect(packageJson.n8n.credentials).toContain(`dist/credentials/${file!.replace(/\.ts$/, '.js')}`);
			}
		}
	});

	test.each(vendors.map((vendor) => [vendor.key, vendor] as const))('%s: the sandbox has its fake and a credential record for it', (key, vendor) => {
		const fakes = createVendorFakes().filter((fake) => fake.system === key);
		expect(fakes).toHaveLength(1);
		const types = Object.values(vendor.systems).flatMap((system) => system!.credentials.map((credential) => credential.credentialType));
		expect(sandboxCredentials('http://127.0.0.1:1').filter((record) => types.includes(record.type)).length).toBeGreaterThan(0);
	});

	// Shipped code and the sandbox's core name no vendor outside the vendor's own folders: a vendor is
	// its folders, its credential files and its registry lines (nodes/vendors/index.ts, sandbox/vendors/index.ts).
	test.each(vendors.map((vendor) => [vendor.key, vendor] as const))('%s is named only in its own folders, its credentials and the registries', (key, vendor) => {
		const credentialFiles = new Set(Object.values(vendor.systems).flatMap((system) => system!.credentials.map((credential) => credential.credentialType.toLowerCase())));
		const allowed = (file: string): boolean => {
			const relative = path.relative(ROOT, file).split(path.sep).join('/');
			if (relative.startsWith(`nodes/vendors/${key}/`) || relative.startsWith(`sandbox/vendors/${key}/`)) return true;
			if (relative === 'nodes/vendors/index.ts' || relative === 'sandbox/vendors/index.ts') return true;
			const credential = /^credentials\/(.+)\.credentials\.ts$/.exec(relative);
			return Boolean(credential && credentialFiles.has(credential[1].toLowerCase()));
		};
		const scope = [...filesUnder(path.join(ROOT, 'nodes')), ...filesUnder(path.join(ROOT, 'credentials')), ...filesUnder(path.join(ROOT, 'sandbox', 'core')), path.join(ROOT, 'sandbox', 'credentials.ts'), path.join(ROOT, 'sandbox', 'gateway.ts'), path.join(ROOT, 'sandbox', 'server.ts')];
		const naming = scope.filter((file) => !allowed(file) && namesOf(vendor).some((name) => name.test(fs.readFileSync(file, 'utf8'))));
		expect(naming.map((file) => path.relative(ROOT, file))).toEqual([]);
	});
});
