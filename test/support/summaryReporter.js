/** Ends a run with one line to scan for: `<label>: N passed, N failed` (CI reads this plain form). */
class SummaryReporter {
  constructor(_globalConfig, options = {}) {
    this.label = options.label ?? 'tests';
  }

  onRunComplete(_contexts, results) {
    // A file that cannot even run (a compile error, a failed beforeAll) counts as a failure too.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    // Jest prints its own summary after every custom reporter; writing at exit makes this line the last.
    process.once('exit', () => process.stderr.write(`\n${this.label}: ${results.numPassedTests} passed, ${failed} failed\n`));
  }
}

module.exports = SummaryReporter;
