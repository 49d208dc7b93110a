/**
 * What Poll Times cost a day (nodes/shared/trigger/cost.ts): the TypeScript count against n8n's own
 * cron library, and the same count as the editor shows it (the subtitle and hint expressions,
 * evaluated by n8n-workflow's Workflow as the editor's getNodeSubtitle / getNodeHints do).
 */
// The cron library n8n-core registers poll times with (cron 4.x, a dependency of n8n-core).
import { CronTime } from 'cron';
// Not re-exported from n8n-core's index: what n8n's DirectoryLoader adds to polling nodes.
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import type { INode, INodeParameters, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow, deepCopy } from 'n8n-workflow';
import { ZohoBookingsTrigger } from '../../nodes/ZohoBookings/ZohoBookingsTrigger.node';
import { BOOKINGS_PLANS } from '../../nodes/ZohoBookings/helpers/plans';
import {
	POLLS_PER_DAY_JS,
	cronOfPollTime,
	firesPerDay,
	formatCalls,
	pollCostText,
	pollsPerDay,
} from '../../nodes/shared/trigger/cost';

const items = (...item: object[]) => ({ item });
const CYCLE_DAYS = 10227; // 28 years from 2001-01-01

describe('pollsPerDay: the calls n8n makes from Poll Times (research §4.6)', () => {
	it.each([
		['every minute', items({ mode: 'everyMinute' }), 1440],
		['every hour', items({ mode: 'everyHour', minute: 15 }), 24],
		['every day', items({ mode: 'everyDay', hour: 9, minute: 30 }), 1],
		['every 5 minutes', items({ mode: 'everyX', value: 5, unit: 'minutes' }), 288],
		[
			'every 7 minutes: */7 fires at 0,7,…,56',
			items({ mode: 'everyX', value: 7, unit: 'minutes' }),
			216,
		],
		[
			'every 90 minutes: */90 fires at minute 0',
			items({ mode: 'everyX', value: 90, unit: 'minutes' }),
			24,
		],
		['every 2 hours (n8n default value and unit)', items({ mode: 'everyX' }), 12],
		['every 5 hours: 0,5,10,15,20', items({ mode: 'everyX', value: 5, unit: 'hours' }), 5],
		['every 30 hours: hour 0', items({ mode: 'everyX', value: 30, unit: 'hours' }), 1],
		['custom every 15 minutes', items({ mode: 'custom', cronExpression: '0 */15 * * * *' }), 96],
		['custom, 5 fields (seconds 0)', items({ mode: 'custom', cronExpression: '5 * * * *' }), 24],
		['custom twice a minute', items({ mode: 'custom', cronExpression: '10,40 * * * * *' }), 2880],
		['preset @hourly', items({ mode: 'custom', cronExpression: '@hourly' }), 24],
		['items add up', items({ mode: 'everyHour' }, { mode: 'everyMinute' }), 1464],
		['no items', items(), 0],
	])('%s', (_title, pollTimes, expected) => {
		expect(pollsPerDay(pollTimes)).toBe(expected);
	});

	it('counts weeks, months and weekdays over the 28-year calendar cycle', () => {
		expect(pollsPerDay(items({ mode: 'everyWeek', weekday: '3' }))).toBe(1 / 7);
		// Day 1 exists in every month: 12 × 28 in 10,227 days.
		expect(pollsPerDay(items({ mode: 'everyMonth', dayOfMonth: 1 }))).toBe(336 / CYCLE_DAYS);
		// Day 31 exists in 7 months a year.
		expect(pollsPerDay(items({ mode: 'everyMonth', dayOfMonth: 31 }))).toBe(196 / CYCLE_DAYS);
		// Working hours on weekdays: 9 hours × 6 × 5/7.
		expect(pollsPerDay(items({ mode: 'custom', cronExpression: '0 */10 9-17 * * mon-fri' }))).toBe(
			54 * (5 / 7),
		);
		// 30 February never comes.
		expect(pollsPerDay(items({ mode: 'custom', cronExpression: '0 0 0 30 2 *' }))).toBe(0);
	});

	it.each([
		['every 0 minutes (*/0)', items({ mode: 'everyX', value: 0, unit: 'minutes' })],
		['every 2.5 minutes', items({ mode: 'everyX', value: 2.5, unit: 'minutes' })],
		[
			'a first field with * (n8n: "at least a minute")',
			items({ mode: 'custom', cronExpression: '*/5 * * * *' }),
		],
		['the custom default, every second', items({ mode: 'custom' })],
		['an hour out of range', items({ mode: 'everyDay', hour: 25 })],
		['an unknown name', items({ mode: 'custom', cronExpression: '0 0 0 * * someday' })],
		['too few fields', items({ mode: 'custom', cronExpression: '0 0 *' })],
		['one bad item among good ones', items({ mode: 'everyHour' }, { mode: 'everyX', value: 0 })],
	])('is undefined where n8n would not run the schedule: %s', (_title, pollTimes) => {
		expect(pollsPerDay(pollTimes)).toBeUndefined();
	});

	it('builds the cron expression n8n registers (toCronExpression, random second/minute as 0)', () => {
		expect(cronOfPollTime({ mode: 'everyHour', minute: 7 })).toBe('0 7 * * * *');
		expect(cronOfPollTime({ mode: 'everyX', value: 3, unit: 'hours' })).toBe('0 0 */3 * * *');
		expect(cronOfPollTime({ mode: 'everyWeek', hour: 8, minute: 5, weekday: '0' })).toBe(
			'0 5 8 * * 0',
		);
		expect(cronOfPollTime({ mode: 'everyMonth', hour: 8, minute: 5, dayOfMonth: 15 })).toBe(
			'0 5 8 15 * *',
		);
		expect(cronOfPollTime({ mode: 'custom', cronExpression: ' 0 1 * * * * ' })).toBe('0 1 * * * *');
	});

	/** How often n8n's cron library fires in [from, to), by asking it for each next date. */
	function libraryFires(expression: string, from: number, to: number): number {
		const cron = new CronTime(expression, 'UTC');
		let fires = 0;
		let next = cron.getNextDateFrom(new Date(from - 1000), 'UTC');
		while (next.toMillis() < to) {
			fires++;
			next = cron.getNextDateFrom(next, 'UTC');
		}
		return fires;
	}

	const START = Date.UTC(2001, 0, 1); // a Monday
	const DAY = 86_400_000;
	it.each([
		// At most a few a day: over the whole 28-year cycle.
		['0 0 14 31 * *', CYCLE_DAYS],
		['0 30 8 1,15 * mon', CYCLE_DAYS],
		['0 0 0 29 2 *', CYCLE_DAYS],
		['0 0 6 * feb,aug sat', CYCLE_DAYS],
		// Many a day, every day or every weekday: over two whole weeks.
		['0 0 9-17 * * 1-5', 14],
		['0 */20 * * * *', 14],
		['0 5 */5 * * *', 14],
		['0 */7 * * * *', 14],
	])('equals the fires of n8n’s cron library: %s', (expression, days) => {
		const expected = libraryFires(expression, START, START + days * DAY);
		expect(Math.round(firesPerDay(expression)! * days * 1e6) / 1e6).toBe(expected);
	});

	it('formats calls a day as the editor shows them', () => {
		expect(formatCalls(1440)).toBe('1,440');
		expect(formatCalls(1234567)).toBe('1,234,567');
		expect(formatCalls(38.57)).toBe('39');
		expect(formatCalls(1 / 7)).toBe('<1');
		expect(formatCalls(0)).toBe('0');
		const free = BOOKINGS_PLANS[0];
		expect(pollCostText(items({ mode: 'everyMinute' }), free)).toBe(
			'⚠ every minute ≈ 1,440 calls a day; Free allows 250',
		);
		expect(pollCostText(items({ mode: 'everyX', value: 15, unit: 'minutes' }), free)).toBe(
			'every 15 minutes ≈ 96 calls a day; Free allows 250',
		);
		expect(pollCostText(items({ mode: 'everyX', value: 1, unit: 'hours' }), free)).toBe(
			'every 1 hour ≈ 24 calls a day; Free allows 250',
		);
		expect(pollCostText(items({ mode: 'everyDay' }), free)).toBe(
			'every day ≈ 1 call a day; Free allows 250',
		);
	});
});

describe('the cost as the editor shows it (subtitle and hints, evaluated by n8n-workflow)', () => {
	const trigger = new ZohoBookingsTrigger();
	// The node type as n8n's loader gives it to the editor: Poll Times first.
	const loaded: INodeType = {
		description: {
			...trigger.description,
			properties: [...deepCopy(commonPollingParameters), ...trigger.description.properties],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => loaded,
		getByNameAndVersion: () => loaded,
		getKnownTypes: () => ({}),
	};

	/** A workflow holding the trigger with these parameters; n8n fills in the defaults. */
	function workflowWith(parameters: INodeParameters): { workflow: Workflow; node: INode } {
		const workflow = new Workflow({
			nodes: [
				{
					id: 'trigger',
					name: 'Trigger',
					type: 'n8n-nodes-zoho-regional.zohoBookingsTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters,
				},
			],
			connections: {},
			active: false,
			nodeTypes,
		});
		return { workflow, node: workflow.getNode('Trigger')! };
	}

	const evaluate = (workflow: Workflow, node: INode, expression: string) =>
		workflow.expression.getSimpleParameterValue(node, expression, 'internal', {});

	/** A seeded generator, so a failure can be replayed. */
	function random(seed: number) {
		let state = seed;
		return () => {
			// mulberry32
			state = (state + 0x6d2b79f5) | 0;
			let t = Math.imul(state ^ (state >>> 15), 1 | state);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}
	const pick = <T>(next: () => number, list: T[]): T => list[Math.floor(next() * list.length)];

	const CRONS = [
		'0 */15 * * * *',
		'0 0 9-17 * * mon-fri',
		'30 5 */2 * * *',
		'0 0 12 1,15 * *',
		'0 0 0 29 feb *',
		'0 0 8 * jan-mar sat,sun',
		'@daily',
		'@weekly',
		'15,45 * * * * *',
		'5 * * * *',
		'*/5 * * * *',
		'0 0 0 31 * *',
		'0 0-30/10 * * * *',
		'0 0 0 * * 7',
		'0 0 25 * * *',
		'0 0 * * *',
		'nonsense',
		'0 0 0 1 13 *',
	];

	function randomPollTimes(next: () => number) {
		const n = pick(next, [0, 1, 1, 1, 2, 3]);
		const list: object[] = [];
		for (let i = 0; i < n; i++) {
			const mode = pick(next, [
				'everyMinute',
				'everyHour',
				'everyDay',
				'everyWeek',
				'everyMonth',
				'everyX',
				'custom',
			]);
			const item: Record<string, unknown> = { mode };
			if (mode === 'everyX') {
				item.value = pick(next, [0, 1, 2, 5, 7, 15, 45, 60, 90, 1000]);
				item.unit = pick(next, ['minutes', 'hours']);
			} else if (mode === 'custom') item.cronExpression = pick(next, CRONS);
			else {
				item.hour = pick(next, [0, 9, 14, 23]);
				item.minute = pick(next, [0, 30, 59]);
				if (mode === 'everyWeek') item.weekday = pick(next, ['0', '1', '6']);
				if (mode === 'everyMonth') item.dayOfMonth = pick(next, [1, 15, 29, 30, 31]);
			}
			list.push(item);
		}
		return { item: list };
	}

	const cases: Array<{ pollTimes: object; plan?: string }> = [
		{ pollTimes: items({ mode: 'everyMinute' }) },
		{ pollTimes: items({ mode: 'everyX', value: 5, unit: 'minutes' }), plan: 'basic' },
		{ pollTimes: items({ mode: 'everyX', value: 1, unit: 'minutes' }), plan: 'premium' },
		{ pollTimes: items({ mode: 'everyHour' }, { mode: 'everyX', value: 10, unit: 'minutes' }) },
		{ pollTimes: items({ mode: 'custom', cronExpression: '*/5 * * * *' }), plan: 'zohoOne' },
	];
	const next = random(13);
	for (let i = 0; i < 60; i++) {
		cases.push({
			pollTimes: randomPollTimes(next),
			plan: pick(next, [undefined, 'free', 'basic', 'premium', 'zohoOne', 'unknownPlan']),
		});
	}

	it('POLLS_PER_DAY_JS, the subtitle and the hints agree with pollsPerDay and pollCostText on 65 Poll Times values', () => {
		const { subtitle, hints } = trigger.description;
		expect(hints).toHaveLength(BOOKINGS_PLANS.length);
		let warned = 0;
		let refused = 0;
		for (const { pollTimes, plan } of cases) {
			const { workflow, node } = workflowWith({
				pollTimes: pollTimes as INodeParameters,
				...(plan === undefined ? {} : { options: { plan } }),
			});
			// n8n filled in the defaults of each entry, as the editor's node holds them.
			const filled = node.parameters.pollTimes;
			const polls = pollsPerDay(filled);
			const chosen =
				BOOKINGS_PLANS.find((p) => p.value === plan) ??
				BOOKINGS_PLANS.find((p) => p.value === 'free')!;
			const context = JSON.stringify({ pollTimes: filled, plan });
			expect({ context, polls: evaluate(workflow, node, `={{ ${POLLS_PER_DAY_JS} }}`) }).toEqual({
				context,
				polls: polls ?? -1,
			});
			expect({ context, subtitle: evaluate(workflow, node, subtitle!) }).toEqual({
				context,
				subtitle: pollCostText(filled, chosen),
			});
			const shown = hints!.map((hint) => evaluate(workflow, node, hint.displayCondition!));
			const expected = BOOKINGS_PLANS.map(
				(p) => p === chosen && polls !== undefined && polls > p.callsPerDay,
			);
			expect({ context, shown }).toEqual({ context, shown: expected });
			if (expected.some(Boolean)) warned++;
			if (polls === undefined) refused++;
		}
		// The cases include warnings and refused schedules, not only quiet ones (seeded: exact).
		expect({ warned, refused }).toEqual({ warned: 11, refused: 5 });
	});

	it('shows the brief’s example for the default Poll Times and plan', () => {
		const { workflow, node } = workflowWith({});
		expect(node.parameters.pollTimes).toEqual({ item: [{ mode: 'everyMinute' }] });
		expect(evaluate(workflow, node, trigger.description.subtitle!)).toBe(
			'⚠ every minute ≈ 1,440 calls a day; Free allows 250',
		);
		const messages = trigger.description.hints!.filter(
			(hint) => evaluate(workflow, node, hint.displayCondition!) === true,
		);
		expect(messages.map((hint) => hint.message)).toEqual([
			expect.stringContaining('more calls a day than Zoho Bookings Free allows (250)'),
		]);
	});
});
