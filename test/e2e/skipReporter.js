'use strict';
/**
 * Jest reporter: after the run, lists the tests that were skipped because something they need is
 * missing (their describe title carries "SKIPPED: <reason>", see browser.e2e.test.ts), so the reason
 * is the last thing `npm test` prints instead of a line lost in the middle of the output.
 */
class SkipReporter {
	onRunComplete(_contexts, results) {
		const lines = new Set();
		for (const file of results.testResults) {
			for (const t of file.testResults) {
				if (t.status !== 'pending') continue;
				const title = t.ancestorTitles.find((a) => a.includes('SKIPPED: '));
				if (title) lines.add(`  ${file.testFilePath.replace(`${process.cwd()}/`, '')}: ${title.slice(title.indexOf('SKIPPED: '))}`);
			}
		}
		if (lines.size) process.stderr.write(`\nSkipped because the environment lacks something they need:\n${[...lines].join('\n')}\n\n`);
	}
}

module.exports = SkipReporter;
