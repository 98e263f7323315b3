/**
 * Ends the run with one plain line, "tests: N passed, N failed", that CI reads to know how
 * many tests ran (Jest's own summary has another format). It is written when the process
 * exits, so that it is the last line, after Jest's summary.
 */
class SummaryLineReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line =
			`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
			(skipped ? `, ${skipped} skipped` : '') +
			'\n';
		process.once('exit', () => process.stderr.write(line));
	}
}

module.exports = SummaryLineReporter;
