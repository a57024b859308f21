/** Unit tests are pure; integration tests start the vendor sandbox and run nodes over real HTTP. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] };

module.exports = {
	projects: [
		{ displayName: 'unit', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{
			displayName: 'integration',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
		},
	],
};
