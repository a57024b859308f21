/** API versions the credentials offer; Salesforce keeps old versions for years (REST API Developer Guide, "Versions"). */
export const SALESFORCE_API_VERSIONS = ['v66.0', 'v65.0', 'v64.0', 'v63.0', 'v62.0', 'v61.0', 'v60.0'];

export const DEFAULT_API_VERSION = 'v62.0';
