/**
 * The limiter map (item 14) and the block memory (item 21) stay bounded in a long-running process:
 * idle limiters are evicted (never one in use), and neither map grows past its cap.
 */
type LimiterModule = typeof import('../../nodes/shared/transport/limiter');
type LocksModule = typeof import('../../nodes/shared/transport/locks');

const MINUTE = 60_000;

function freshLimiter(): LimiterModule {
	let mod: LimiterModule | undefined;
	jest.isolateModules(() => {
		// A fresh copy of the module's maps for each test: only require() can load it inside isolateModules.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		mod = require('../../nodes/shared/transport/limiter') as LimiterModule;
	});
	return mod!;
}

function freshLocks(): LocksModule {
	let mod: LocksModule | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		mod = require('../../nodes/shared/transport/locks') as LocksModule;
	});
	return mod!;
}

const rule = (key: string) => ({ key, concurrency: 2 });

beforeEach(() => {
	jest.useFakeTimers({ now: new Date('2031-03-10T00:00:00Z') });
});
afterEach(() => {
	jest.useRealTimers();
});

describe('limiter map', () => {
	it('keeps one limiter per key and evicts those unused for 10 minutes', () => {
		const { limiterFor, limiterCount } = freshLimiter();
		const a = limiterFor(rule('invoice:cred:org1:organization'));
		expect(limiterFor(rule('invoice:cred:org1:organization'))).toBe(a);
		limiterFor(rule('invoice:cred:org2:organization'));
		expect(limiterCount()).toBe(2);

		jest.advanceTimersByTime(9 * MINUTE);
		limiterFor(rule('invoice:cred:org1:organization')); // org1 used again; org2 idle for 9 minutes
		jest.advanceTimersByTime(2 * MINUTE);
		limiterFor(rule('people:cred::forms'));
		// org2 idle 11 minutes: gone; org1 idle 2 minutes: kept.
		expect(limiterCount()).toBe(2);
		expect(limiterFor(rule('invoice:cred:org1:organization'))).toBe(a);
		expect(limiterCount()).toBe(2);
	});

	it('never evicts a limiter in use, however long idle', async () => {
		const { limiterFor, limiterCount } = freshLimiter();
		const busy = limiterFor(rule('busy'));
		const release = (await busy.acquire())!;
		limiterFor(rule('idle'));
		jest.advanceTimersByTime(30 * MINUTE);
		limiterFor(rule('new'));
		expect(limiterCount()).toBe(2); // busy and new
		expect(limiterFor(rule('busy'))).toBe(busy);
		release();
		jest.advanceTimersByTime(11 * MINUTE);
		limiterFor(rule('newer'));
		expect(limiterCount()).toBe(1);
	});

	it('holds at most 500 limiters, dropping the least recently used', () => {
		const { limiterFor, limiterCount } = freshLimiter();
		const first = limiterFor(rule('k0'));
		for (let i = 1; i < 700; i++) limiterFor(rule(`k${i}`));
		expect(limiterCount()).toBe(500);
		expect(limiterFor(rule('k0'))).not.toBe(first);
		expect(limiterCount()).toBe(500);
	});
});

describe('a slot wait is bounded', () => {
	const one = { key: 'one', concurrency: 1 };

	it('hands a freed slot to the waiter at once, before its deadline', async () => {
		const { limiterFor } = freshLimiter();
		const limiter = limiterFor(one);
		const held = (await limiter.acquire())!;
		let got: (() => void) | undefined;
		const waiting = limiter.acquire(Date.now() + MINUTE).then((r) => (got = r));
		await jest.advanceTimersByTimeAsync(5_000);
		expect(got).toBeUndefined();
		held();
		await waiting;
		expect(got).toBeInstanceOf(Function);
		expect(Date.now()).toBe(new Date('2031-03-10T00:00:05Z').getTime());
	});

	it('gives up at the deadline when the slot never comes back (a stuck holder), and leaves no ghost in the queue', async () => {
		const { limiterFor } = freshLimiter();
		const limiter = limiterFor(one);
		const stuck = (await limiter.acquire())!;
		let outcome: unknown = 'waiting';
		const waiting = limiter.acquire(Date.now() + 30_000).then((r) => (outcome = r));
		await jest.advanceTimersByTimeAsync(29_999);
		expect(outcome).toBe('waiting');
		await jest.advanceTimersByTimeAsync(1_001);
		await waiting;
		expect(outcome).toBeUndefined();
		expect(limiter.inUse()).toBe(true); // the stuck holder only
		// The given-up waiter is gone: the freed slot goes to the next caller, not to it.
		stuck();
		expect(limiter.inUse()).toBe(false);
		const next = await limiter.acquire(Date.now());
		expect(next).toBeInstanceOf(Function);
	});
});

describe('block memory', () => {
	const failure = (retryAfterMs?: number) => ({
		httpStatus: 200,
		quota: {
			kind: 'lockPeriod' as const,
			product: 'Zoho People',
			resetsText: 'later',
			retryAfterMs,
		},
	});

	it('forgets a block when it ends, keeps the first end of a lock, and is lifted by a later success', () => {
		const { knownBlock, liftBlock, rememberBlock } = freshLocks();
		const now = Date.now();
		const block = rememberBlock('k', failure(), now + 5 * MINUTE, now);
		expect(rememberBlock('k', failure(), now + 9 * MINUTE, now + MINUTE).until).toBe(
			now + 5 * MINUTE,
		);
		liftBlock('k', now); // sent before the block was learned: proves nothing
		expect(knownBlock('k')).toBe(block);
		jest.advanceTimersByTime(5 * MINUTE);
		expect(knownBlock('k')).toBeUndefined();
		rememberBlock('k', failure(), Date.now() + MINUTE);
		liftBlock('k', Date.now() + 1);
		expect(knownBlock('k')).toBeUndefined();
	});

	it('holds at most 1000 blocks', () => {
		const { blockCount, rememberBlock } = freshLocks();
		for (let i = 0; i < 1500; i++) rememberBlock(`k${i}`, failure(1000), Date.now() + MINUTE);
		expect(blockCount()).toBe(1000);
	});
});
