/** Ends the run with one line to scan for: how many steps passed and how many failed. */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    // A file that cannot even run (a compile error, a failed beforeAll) counts as a failure too.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    // Jest prints its own summary after every custom reporter; writing at exit makes this line the last.
    process.once('exit', () => process.stderr.write(`\ne2e: ${results.numPassedTests} passed, ${failed} failed\n`));
  }
}

module.exports = SummaryReporter;
