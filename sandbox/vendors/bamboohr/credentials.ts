import { baseOf, credentialRecord, type N8nCredentialRecord } from '../../core/credentials';
import { BAMBOOHR_API_KEY, BAMBOOHR_COMPANY_DOMAIN } from './index';

/** The pack's BambooHR credential pointed at this fake. */
export function bamboohrCredentialRecords(sandboxUrl: string): N8nCredentialRecord[] {
	return [credentialRecord('p2cBambooHrApi', 'p2cSbxBambooHrKy', 'BambooHR API key', { companyDomain: BAMBOOHR_COMPANY_DOMAIN, apiKey: BAMBOOHR_API_KEY, apiHost: `${baseOf(sandboxUrl)}/bamboohr` })];
}
