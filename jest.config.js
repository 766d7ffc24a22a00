/** One config for the whole suite; isolatedModules (tsconfig) lets ts-jest compile file by file, and `npm run build` type-checks. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 20000,
  // Two workers on the project's two cores: most integration tests wait on HTTP and timers, and jest's default
  // (cores - 1 = one worker) leaves a core idle while they wait.
  maxWorkers: 2,
  // Azurite for the Blob store tests, started once per run (test/support/azurite.ts).
  globalSetup: '<rootDir>/test/support/azuriteSetup.ts',
  globalTeardown: '<rootDir>/test/support/azuriteTeardown.ts',
  // Tests run in a random order within each file, every run, so none can lean on another; the seed is printed
  // (`npx jest --seed=N` repeats an order).
  randomize: true,
  showSeed: true,
  reporters: ['default', ['<rootDir>/test/support/summaryReporter.js', { label: 'suite' }]],
};
