/**
 * Ends a Jest run with one plain line, "<label>: N passed, N failed", that CI reads to know how
 * many tests ran (Jest's own summary has another format). It is written when the process
 * exits, so that it comes after Jest's summary. With CASHFREE_TEST_COUNTS set to a file, the
 * counts are also appended there, so that .ci/run can close with the total of every suite.
 */
const { appendFileSync } = require('node:fs');

class SummaryLineReporter {
	constructor(_globalConfig, options = {}) {
		this.label = options.label ?? 'tests';
	}

	onRunComplete(_contexts, results) {
		const passed = results.numPassedTests;
		const failed = results.numFailedTests;
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `${this.label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
		if (process.env.CASHFREE_TEST_COUNTS) {
			appendFileSync(process.env.CASHFREE_TEST_COUNTS, `${passed} ${failed} ${skipped}\n`);
		}
		process.once('exit', () => process.stderr.write(line));
	}
}

module.exports = SummaryLineReporter;
