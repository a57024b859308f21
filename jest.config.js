/**
 * unit: pure functions. integration: nodes run in n8n-core's execution context over real HTTP
 * against the vendor sandbox. e2e: a real n8n (installed by scripts/install-n8n.sh); e2e files set their own jest.setTimeout.
 * A vendor's own tests live in test/vendors/<vendor>/ (*.unit.test.ts, *.integration.test.ts).
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] };
const common = { testEnvironment: 'node', transform, modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'] };

module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/vendors/*/**/*.unit.test.ts'] },
		{ ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/conformance/**/*.test.ts', '<rootDir>/test/vendors/*/**/*.integration.test.ts'] },
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
