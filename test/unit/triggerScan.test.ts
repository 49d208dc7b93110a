/**
 * The polling triggers' scan (nodes/shared/trigger/scan.ts) against a simulated Zoho list: records
 * created, changed and deleted between polls and between the pages of one poll, page caps that cut
 * scans short, and many records sharing one change second. Whatever happens, each version of a
 * record is emitted at most once, nothing from before activation is emitted, and once Zoho is quiet
 * every record's latest version has been emitted.
 *
 * The product triggers run the same code through n8n's poll context against the sandbox
 * (test/integration); this test searches the orderings those cannot enumerate.
 */
import type { ChangeListing, ChangeRecord, PollState } from '../../nodes/shared/trigger/pollState';
import { changeFingerprint, initialState } from '../../nodes/shared/trigger/pollState';
import type { ChangeSource } from '../../nodes/shared/trigger/scan';
import { scanChanges } from '../../nodes/shared/trigger/scan';

interface SimRecord {
	id: string;
	/** Change time in ms, whole seconds as Zoho Invoice gives them. */
	t: number;
	version: number;
	order: number;
}

/** A deterministic pseudo-random sequence, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
	let x = seed >>> 0 || 1;
	return () => {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		return (x >>> 0) / 0x100000000;
	};
}

class SimulatedList {
	records = new Map<string, SimRecord>();
	clock = 1_700_000_000_000;
	private nextId = 1;
	private nextOrder = 1;
	calls = 0;
	/** Called before each page is served: lets the test change records in the middle of a scan. */
	duringScan: (page: number) => void = () => {};

	constructor(
		readonly listing: ChangeListing,
		readonly pageSize: number,
	) {}

	tick(ms: number): void {
		this.clock += ms;
	}

	/** Zoho's clock in whole seconds. */
	private now(): number {
		return Math.floor(this.clock / 1000) * 1000;
	}

	create(): void {
		// 18-digit IDs, as strings.
		const id = `4600000000${String(this.nextId++).padStart(8, '0')}`;
		this.records.set(id, { id, t: this.now(), version: 1, order: this.nextOrder++ });
	}

	change(id: string): void {
		const r = this.records.get(id);
		if (r) this.records.set(id, { ...r, t: this.now(), version: r.version + 1 });
	}

	remove(id: string): void {
		this.records.delete(id);
	}

	private view(since: number): SimRecord[] {
		const all = [...this.records.values()];
		if (this.listing === 'changedSince')
			return all.filter((r) => r.t >= since).sort((a, b) => a.t - b.t || a.order - b.order);
		if (this.listing === 'changedSinceAnyOrder')
			return all.filter((r) => r.t >= since).sort((a, b) => a.order - b.order);
		return all.sort((a, b) => a.order - b.order);
	}

	source(): ChangeSource {
		return {
			listing: this.listing,
			fingerprintIsChangeTime: this.listing !== 'window',
			readPage: async (since, page) => {
				await Promise.resolve();
				this.duringScan(page);
				this.calls++;
				const list = this.view(since);
				const slice = list.slice((page - 1) * this.pageSize, page * this.pageSize);
				const records: ChangeRecord[] = slice.map((r) => {
					const json = { id: r.id, version: r.version };
					return this.listing === 'window'
						? { id: r.id, fingerprint: `v${r.version}`, json }
						: { id: r.id, changedAt: r.t, fingerprint: changeFingerprint(r.t, json), json };
				});
				return { records, hasMore: page * this.pageSize < list.length };
			},
		};
	}
}

interface Run {
	list: SimulatedList;
	emitted: Map<string, number>;
	state: PollState;
	polls: number;
}

async function poll(run: Run, maxPages: number): Promise<boolean> {
	const outcome = await scanChanges(run.list.source(), run.state, {
		maxPages,
		now: () => run.list.clock,
	});
	run.state = outcome.state;
	run.polls++;
	for (const r of outcome.emitted) {
		const key = `${r.id}@${String(r.json.version)}`;
		run.emitted.set(key, (run.emitted.get(key) ?? 0) + 1);
	}
	return outcome.complete;
}

async function simulate(listing: ChangeListing, seed: number) {
	const rnd = random(seed);
	const list = new SimulatedList(listing, 3);
	for (let i = 0; i < 8; i++) list.create();
	// Activation, half a second later (Zoho's times are whole seconds): versions that exist now must never be emitted.
	const before = new Set([...list.records.values()].map((r) => `${r.id}@${r.version}`));
	list.tick(500);
	const run: Run = { list, emitted: new Map(), state: initialState(list.clock), polls: 0 };
	if (listing === 'window') {
		run.state.scan = { page: 1, startedAt: list.clock, baseline: true };
		while (!(await poll(run, 2)));
	}
	list.tick(1000);
	const ids = () => [...list.records.keys()];
	const mutate = () => {
		const roll = rnd();
		if (roll < 0.35) list.create();
		else if (roll < 0.9 && list.records.size) {
			const all = ids();
			list.change(all[Math.floor(rnd() * all.length)]);
		} else if (list.records.size > 4 && !(listing === 'changedSinceAnyOrder' && run.state.scan)) {
			// Known limit: a deletion while a scan of a list in unknown order is spread over polls
			// can shift a record past a page boundary (docs/triggers.md); it is not simulated.
			const all = ids();
			list.remove(all[Math.floor(rnd() * all.length)]);
		}
	};
	for (let step = 0; step < 60; step++) {
		const changes = Math.floor(rnd() * 6);
		for (let i = 0; i < changes; i++) mutate();
		// Often several changes in one second: the boundary case.
		list.tick(rnd() < 0.5 ? 0 : 300 + Math.floor(rnd() * 1500));
		// Changes while a scan runs, between its pages. Known limit, not simulated: on a list sorted
		// by change time, pages past the first are asked by number only when a whole page shares one
		// change second (more than 200 records in Zoho); a change between those pages can shift a
		// record of that second past the page boundary (docs/triggers.md).
		list.duringScan = (page) => {
			if (!(listing === 'changedSince' && page > 1) && rnd() < 0.15) mutate();
		};
		await poll(run, 1 + Math.floor(rnd() * 2));
		list.tick(200);
	}
	// Zoho goes quiet: polls carry on until a scan reads everything.
	list.duringScan = () => {};
	list.tick(2000);
	let guard = 0;
	while (!(await poll(run, 2)) && guard++ < 200);
	await poll(run, 50);
	return { run, before };
}

describe.each<ChangeListing>(['changedSince', 'changedSinceAnyOrder', 'window'])(
	'trigger scan over a %s list',
	(listing) => {
		it.each(Array.from({ length: 100 }, (_, i) => i + 1))(
			'seed %i: every version emitted at most once, none from before activation, the latest of each at the end',
			async (seed) => {
				const { run, before } = await simulate(listing, seed);
				const duplicates = [...run.emitted].filter(([, n]) => n > 1).map(([k]) => k);
				expect(duplicates).toEqual([]);
				const historical = [...run.emitted.keys()].filter((k) => before.has(k));
				expect(historical).toEqual([]);
				const latestMissing = [...run.list.records.values()]
					.map((r) => `${r.id}@${r.version}`)
					.filter((k) => !before.has(k) && !run.emitted.has(k));
				expect(latestMissing).toEqual([]);
			},
		);
	},
);

describe('trigger scan details', () => {
	it('a quiet list costs one call per poll and moves nothing', async () => {
		const list = new SimulatedList('changedSince', 200);
		for (let i = 0; i < 5; i++) list.create();
		const start = initialState(list.clock + 1000);
		const outcome = await scanChanges(list.source(), start, {
			maxPages: 10,
			now: () => list.clock,
		});
		expect(list.calls).toBe(1);
		expect(outcome.emitted).toEqual([]);
		expect(outcome.state.cursor).toBe(start.cursor);
	});

	it('a scan cut short by the page cap moves the cursor to the last record read; the next poll goes on from there', async () => {
		const list = new SimulatedList('changedSince', 2);
		const cursor = list.clock;
		for (let i = 0; i < 7; i++) {
			list.tick(1000);
			list.create();
		}
		const ids = [...list.records.keys()];
		const first = await scanChanges(list.source(), initialState(cursor + 500), {
			maxPages: 2,
			now: () => list.clock,
		});
		// Page 1: records 1-2; then a keyset page "changed since record 2": records 2 (dropped) and 3.
		expect(first.complete).toBe(false);
		expect(first.emitted.map((r) => r.id)).toEqual(ids.slice(0, 3));
		expect(first.state.cursor).toBe(first.emitted[2].changedAt);
		expect(list.calls).toBe(2);
		const second = await scanChanges(list.source(), first.state, {
			maxPages: 10,
			now: () => list.clock,
		});
		expect(second.complete).toBe(true);
		expect(second.emitted.map((r) => r.id)).toEqual(ids.slice(3));
		// [3,4] [4,5] [5,6] [6,7]: each page re-reads the record its keyset starts at.
		expect(list.calls).toBe(6);
		expect(second.state.cursor).toBe(second.emitted[3].changedAt);
	});

	it('more records in one second than the page cap reads: resumes by page, no record twice, none lost', async () => {
		const list = new SimulatedList('changedSince', 2);
		list.tick(5000);
		for (let i = 0; i < 7; i++) list.create(); // all in the same second
		let state = initialState(list.clock - 2000);
		const ids: string[] = [];
		for (let p = 0; p < 4; p++) {
			const o = await scanChanges(list.source(), state, { maxPages: 2, now: () => list.clock });
			ids.push(...o.emitted.map((r) => r.id));
			state = o.state;
			if (o.complete) break;
		}
		expect(ids).toEqual([...list.records.keys()]);
	});

	it('an any-order scan spread over polls moves the cursor to the newest change of the whole scan', async () => {
		const list = new SimulatedList('changedSinceAnyOrder', 2);
		const start = initialState(list.clock);
		for (let i = 0; i < 5; i++) {
			list.tick(1000);
			list.create();
		}
		const [first] = list.records.keys();
		list.tick(1000);
		list.change(first); // the newest change, on page 1
		const newest = list.records.get(first)!.t;
		list.tick(5000);
		const cut = await scanChanges(list.source(), start, { maxPages: 1, now: () => list.clock });
		expect(cut.complete).toBe(false);
		expect(cut.state.cursor).toBe(start.cursor);
		const rest = await scanChanges(list.source(), cut.state, {
			maxPages: 5,
			now: () => list.clock,
		});
		expect(rest.complete).toBe(true);
		// Not only the newest change its last poll read (page 3): that would read pages 1-3 again.
		expect(rest.state.cursor).toBe(newest);
		expect(list.calls).toBe(3);
	});

	it('stops starting pages at the deadline and keeps what it read', async () => {
		const list = new SimulatedList('changedSince', 2);
		const cursor = list.clock;
		for (let i = 0; i < 8; i++) {
			list.tick(2000);
			list.create();
		}
		let t = 0;
		const outcome = await scanChanges(list.source(), initialState(cursor + 500), {
			maxPages: 100,
			deadline: 3,
			now: () => t++,
		});
		// now() is read for the scan's start (0), before pages 2 and 3 (1, 2), then 3 >= deadline.
		expect(list.calls).toBe(3);
		expect(outcome.complete).toBe(false);
		expect(outcome.emitted.map((r) => r.id)).toEqual([...list.records.keys()].slice(0, 4));
	});
});
