/**
 * The layers of the node import one way: node classes → actions → transport → credentials.
 * The transport serves every Cashfree product, so it must not reach up into one node's
 * operations, and operations reach the transport through its index only, so that what the
 * transport offers is said in one file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const NODE = path.join(ROOT, 'nodes/Cashfree');
const TRANSPORT = path.join(NODE, 'transport');
const ACTIONS = path.join(NODE, 'actions');

function sourceFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
		.map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every relative import of a file, resolved to the path it names (without extension). */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:from|import\()\s*'(\.[^']*)'/g)].map((match) =>
		path.resolve(path.dirname(file), match[1]),
	);
}

const inside = (target: string, folder: string) =>
	target === folder || target.startsWith(`${folder}${path.sep}`);
const relative = (file: string) => path.relative(ROOT, file);

describe('import direction', () => {
	it('finds the files it checks (the check is not vacuous)', () => {
		expect(sourceFiles(TRANSPORT).length).toBeGreaterThan(10);
		expect(sourceFiles(ACTIONS).length).toBeGreaterThan(20);
	});

	it('nothing in transport/ imports from actions/, the node classes or webhook/', () => {
		const upward = sourceFiles(TRANSPORT).flatMap((file) =>
			importsOf(file)
				.filter((target) => !inside(target, TRANSPORT) && inside(target, NODE))
				.map((target) => `${relative(file)} → ${relative(target)}`),
		);

		expect(upward).toEqual([]);
	});

	it('actions/ reaches the transport through its index only', () => {
		const deep = sourceFiles(ACTIONS).flatMap((file) =>
			importsOf(file)
				.filter((target) => inside(target, TRANSPORT) && target !== TRANSPORT)
				.map((target) => `${relative(file)} → ${relative(target)}`),
		);

		expect(deep).toEqual([]);
	});

	it('the credential takes only the API version list from the node (and the fields every Cashfree credential shares)', () => {
		const file = path.join(ROOT, 'credentials/CashfreeApi.credentials.ts');

		expect(importsOf(file).map(relative)).toEqual([
			'nodes/Cashfree/transport/apiVersion',
			'credentials/cashfreeFields',
		]);
	});

	it('the Payouts credential takes nothing from the nodes', () => {
		const file = path.join(ROOT, 'credentials/CashfreePayoutsApi.credentials.ts');

		expect(importsOf(file).map(relative)).toEqual(['credentials/cashfreeFields']);
	});
});
