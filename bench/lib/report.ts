/** The printed table: measure | node | baseline | target | met? */
export interface Row {
	measure: string;
	node: string;
	baseline: string;
	target: string;
	/** true / false, or null when the measure has no target. */
	met: boolean | null;
}

export function table(rows: Row[]): string {
	const header = ['measure', 'node', 'baseline', 'target', 'met?'];
	const cells = rows.map((r) => [
		r.measure,
		r.node,
		r.baseline,
		r.target,
		r.met === null ? '—' : r.met ? 'yes' : 'NO',
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
	return [
		line(header),
		`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
		...cells.map(line),
	].join('\n');
}

export const fmt = {
	int: (n: number) => n.toLocaleString('en-US'),
	ms: (n: number) =>
		n >= 100 ? `${n.toFixed(0)} ms` : n >= 10 ? `${n.toFixed(1)} ms` : `${n.toFixed(3)} ms`,
	mb: (n: number) => `${n.toFixed(1)} MB`,
	pct: (n: number) => `${(n * 100).toFixed(1)} %`,
	x: (n: number) => `${n.toFixed(2)}×`,
	kb: (n: number) => `${(n / 1024).toFixed(1)} kB`,
};
