/**
 * ARCHITECTURE.md is the newcomer's map: every file or folder it names must exist, so that a
 * move or a rename without the map fails here instead of misleading the next engineer.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const NODE = 'nodes/Cashfree';

/** Paths named in the text: in backticks, and the layout block's first column. */
function namedPaths(markdown: string): string[] {
	const named = new Set<string>();
	const start = markdown.indexOf('```');
	const layout = markdown.slice(start, markdown.indexOf('```', start + 3));
	// The layout nests by indentation: an entry sits in the folders above it with less indent.
	const folders: Array<{ indent: number; path: string }> = [];
	for (const line of layout.split('\n').slice(1)) {
		const first = line.match(/^(\s*)(\S+(?:, \S+)*)/);
		if (!first) continue;
		const indent = first[1].length;
		while (folders.length > 0 && folders[folders.length - 1].indent >= indent) folders.pop();
		const inFolder = folders.length > 0 ? folders[folders.length - 1].path : '';
		const [head, ...rest] = first[2].split(/,\s*/);
		// "common/fields.ts, fieldChecks.ts": the later names sit beside the first.
		const beside = head.includes('/') ? head.slice(0, head.lastIndexOf('/') + 1) : '';
		const names = [head, ...rest.map((name) => `${beside}${name}`)];
		for (const name of names.filter((name) => !name.includes('<'))) named.add(`${inFolder}${name}`);
		if (head.endsWith('/')) folders.push({ indent, path: `${inFolder}${head}` });
	}
	for (const [, text] of markdown.matchAll(/`([^`\s]+\.(?:ts|md|js|json)|[^`\s]+\/)`/g)) {
		if (!text.includes('<') && !text.startsWith('../')) named.add(text);
	}
	return [...named];
}

/** A name given relative to the node's folder (`order/get.operation.ts`) counts where it is. */
function exists(name: string): boolean {
	return [
		ROOT,
		path.join(ROOT, NODE),
		path.join(ROOT, NODE, 'actions'),
		path.join(ROOT, NODE, 'transport'),
	].some((base) => existsSync(path.join(base, name)));
}

describe('ARCHITECTURE.md', () => {
	const markdown = readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
	const names = namedPaths(markdown);

	it('names the files of the layout (the check is not vacuous)', () => {
		expect(names).toEqual(
			expect.arrayContaining([
				'nodes/Cashfree/transport/client.ts',
				'nodes/Cashfree/actions/runOperation.ts',
			]),
		);
		expect(names.length).toBeGreaterThan(30);
	});

	it('every path it names exists', () => {
		expect(names.filter((name) => !exists(name))).toEqual([]);
	});
});
