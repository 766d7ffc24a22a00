/** The browser test: its own run (`npm run test:e2e`), because it needs a build, Chromium and a minute. */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // One step waits at most 15 s for the bot's card; the whole run must stay under 3 minutes.
  testTimeout: 30000,
  verbose: true,
  reporters: ['default', ['<rootDir>/test/support/summaryReporter.js', { label: 'e2e' }]],
};
