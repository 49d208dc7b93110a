#!/usr/bin/env node
/* Launcher: `npm run bench` (= `npm run build && node bench/run.js`).
 * Registers the sandbox's tiny TypeScript hook (typescript.transpileModule) and runs run.ts. */
'use strict';
require('../test/sandbox/register.js');
require('./run.ts')
	.main(process.argv.slice(2))
	.then((code) => process.exit(code ?? 0))
	.catch((error) => {
		console.error(error && error.stack ? error.stack : error);
		process.exit(1);
	});
