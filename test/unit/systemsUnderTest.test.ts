/**
 * The suites' systems come from the registry and the sandbox: a vendor registered without a fake,
 * or without a sandbox credential record for any of its credential types, fails loudly, by name.
 */
import type { SystemDefinition } from '../../nodes/shared/node/types';
import { systemsOf } from '../../nodes/vendors';
import { createVendorFakes } from '../../sandbox/vendors';
import { allSystemsUnderTest, systemUnderTest } from '../support/systems';

const [registered] = systemsOf('crm') as Array<SystemDefinition<unknown>>;

describe('systems under test', () => {
	test('every registered system of every category has one, with its fake and a credential the sandbox has', () => {
		const systems = allSystemsUnderTest();
		expect(systems.map((system) => system.key).sort()).toEqual((['crm', 'psa', 'erp', 'hris'] as const).flatMap((category) => systemsOf(category).map((system) => system.key)).sort());
		for (const system of systems) {
			expect(system.fake.system).toBe(system.key);
			expect(system.parameters).toEqual({ system: system.key, [`${system.key}Authentication`]: system.credential.authentication });
			expect(system.fake.credentialRecords?.('http://127.0.0.1:1').map((record) => record.type)).toContain(system.credential.credentialType);
		}
	});

	test('a registered system without a fake is refused, naming it', () => {
		const unfaked = { ...registered, key: 'acmeCrm', displayName: 'Acme CRM' };
		expect(() => systemUnderTest('crm', unfaked, createVendorFakes())).toThrow(/Acme CRM \(acmeCrm\).*has no sandbox fake/);
	});

	test('a registered system whose fake has no record for its credentials is refused, naming it', () => {
		const uncredentialed = { ...registered, credentials: [{ authentication: 'apiKey', displayName: 'API Key', credentialType: 'acmeCrmApi' }] };
		expect(() => systemUnderTest('crm', uncredentialed, createVendorFakes())).toThrow(new RegExp(`${registered.displayName} \\(${registered.key}\\).*no sandbox credential record.*acmeCrmApi`));
	});
});
