/**
 * Jest's globalSetup: the tests run the compiled package in dist/, not the TypeScript in nodes/
 * and credentials/, so a run after an edit without `npm run build` would test the old code and
 * pass or fail for the wrong reason. Each source file is held to its own compiled counterpart
 * (X.ts to dist/X.js, an icon or JSON file to its copy in dist/): that counterpart must exist
 * and be at least as new. Comparing only the newest file on each side would let a fresh
 * dist/a.js hide a stale dist/b.js.
 */
const fs = require('node:fs');
const path = require('node:path');

const SOURCE_FOLDERS = ['nodes', 'credentials'];
const SOURCE_FILE = /\.(ts|json|svg|png)$/;

/** Every file under folder, as paths relative to root with forward slashes. */
function filesUnder(root, folder) {
	const found = [];
	const walk = (relative) => {
		const entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
		for (const entry of entries) {
			const child = `${relative}/${entry.name}`;
			if (entry.isDirectory()) walk(child);
			else if (entry.isFile()) found.push(child);
		}
	};
	if (fs.existsSync(path.join(root, folder))) walk(folder);
	return found;
}

/** Where the build puts a source file: tsc turns .ts into .js, gulp and tsc copy the rest. */
function compiledPath(source) {
	return `dist/${source.endsWith('.ts') ? source.replace(/\.ts$/, '.js') : source}`;
}

/** Whole milliseconds: gulp copies an icon with its source's mtime, cut to milliseconds. */
function mtimeMs(file) {
	return Math.floor(fs.statSync(file).mtimeMs);
}

/** The sources whose compiled counterpart is missing or older, newest first. */
function staleSources(root) {
	const stale = [];
	for (const folder of SOURCE_FOLDERS) {
		for (const source of filesUnder(root, folder)) {
			if (!SOURCE_FILE.test(source) || source.endsWith('.d.ts')) continue;
			const compiled = path.join(root, compiledPath(source));
			const sourceTime = mtimeMs(path.join(root, source));
			if (!fs.existsSync(compiled)) {
				stale.push({ source, compiled: compiledPath(source), sourceTime });
				continue;
			}
			// An icon gulp copied is fresh when it is the same bytes: gulp keeps the
			// source's mtime on its copy, and on some file systems a millisecond less.
			if (/\.(svg|png)$/.test(source)) {
				const same = fs.readFileSync(compiled).equals(fs.readFileSync(path.join(root, source)));
				if (!same) stale.push({ source, compiled: compiledPath(source), sourceTime });
				continue;
			}
			if (mtimeMs(compiled) < sourceTime) {
				stale.push({ source, compiled: compiledPath(source), sourceTime });
			}
		}
	}
	return stale.sort((a, b) => b.sourceTime - a.sourceTime);
}

/** An error whose stack is its message alone: Jest prints the stack, and ours says it all. */
function plainError(message) {
	const error = new Error(message);
	error.stack = message;
	return error;
}

/** Throws, saying what to run, when dist/ is missing or older than any source file. */
function checkDistFresh(root) {
	const rerun = 'run `npm run build` (npm test does it)';
	if (!fs.existsSync(path.join(root, 'dist'))) {
		throw plainError(`dist/ is missing: the tests run the compiled package; ${rerun}`);
	}
	const stale = staleSources(root);
	if (stale.length === 0) return;
	const [newest] = stale;
	const state = fs.existsSync(path.join(root, newest.compiled))
		? `changed after ${newest.compiled} was built`
		: `has no ${newest.compiled}`;
	const others = stale.length > 1 ? `, and ${stale.length - 1} more` : '';
	throw plainError(
		`dist/ is older than the sources (newest: ${newest.source}, which ${state}${others}); ${rerun}`,
	);
}

module.exports = async function globalSetup(globalConfig) {
	checkDistFresh(globalConfig.rootDir);
};
module.exports.checkDistFresh = checkDistFresh;
module.exports.staleSources = staleSources;
