/** The load test: its own run (`npm run test:load`), since it runs for a set time (LOAD_SECONDS, default 20). */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/load'],
  testMatch: ['**/*.load.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 120000,
  verbose: true,
  reporters: ['default', ['<rootDir>/test/support/summaryReporter.js', { label: 'load' }]],
};
