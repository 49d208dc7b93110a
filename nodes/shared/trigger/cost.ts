import type { NodeHint } from 'n8n-workflow';

/**
 * What a polling trigger's Poll Times cost in API calls a day, for products whose daily quota is
 * small (Bookings: 250 calls a day on Free, docs/reference/zoho-api.md §5).
 *
 * n8n turns each Poll Times entry into a cron expression (n8n-workflow `toCronExpression`, with a
 * random second, and a random minute for "every X hours") and registers one cron job per entry
 * (n8n-core `ActiveWorkflows.activatePolling`); a first field containing `*` is refused as "at least
 * a minute". The cron library (`cron` 4.x `CronTime`) fires at every second, minute and hour in its
 * sets, on the days whose month matches and whose day of month or weekday matches (either one when
 * both are restricted). Polls a day are counted exactly that way, averaged over the 28-year
 * calendar cycle (10,227 days from 2001-01-01, a Monday). Daylight-saving days are ignored.
 *
 * The editor cannot run node code to show this, but `description.subtitle` and node `hints`
 * displayConditions are n8n expressions evaluated in the editor (both 2.8 and 2.41). So the same
 * count is written twice: as TypeScript here, and as the expression text in POLLS_PER_DAY_JS.
 * test/unit/triggerCost.test.ts evaluates the expression with n8n-workflow's Workflow against many
 * Poll Times values and requires the same numbers and texts as these functions.
 */

/** One Poll Times entry as n8n stores it (`pollTimes.item[]`). */
export interface PollTimeItem {
	mode?: unknown;
	hour?: unknown;
	minute?: unknown;
	weekday?: unknown;
	dayOfMonth?: unknown;
	value?: unknown;
	unit?: unknown;
	cronExpression?: unknown;
}

/** A plan of a product's daily quota, as the trigger's Plan option offers it. */
export interface QuotaPlan {
	/** The Plan option's value. */
	value: string;
	/** As the user knows it: "Free". */
	name: string;
	/** API calls the plan allows a day. */
	callsPerDay: number;
}

/** Defaults of n8n's Poll Times fields (n8n-workflow `cronNodeOptions`), which n8n fills in. */
const DEFAULTS = {
	mode: 'everyDay',
	hour: 14,
	minute: 0,
	dayOfMonth: 1,
	weekday: '1',
	value: 2,
	unit: 'hours',
	cronExpression: '* * * * * *',
};

/** `cron` 4.x constants: month and weekday names, and the @-presets. */
const ALIASES: Record<string, number> = {
	jan: 1,
	feb: 2,
	mar: 3,
	apr: 4,
	may: 5,
	jun: 6,
	jul: 7,
	aug: 8,
	sep: 9,
	oct: 10,
	nov: 11,
	dec: 12,
	sun: 0,
	mon: 1,
	tue: 2,
	wed: 3,
	thu: 4,
	fri: 5,
	sat: 6,
};
const PRESETS: Record<string, string> = {
	'@yearly': '0 0 0 1 1 *',
	'@monthly': '0 0 0 1 * *',
	'@weekly': '0 0 0 * * 0',
	'@daily': '0 0 0 * * *',
	'@hourly': '0 0 * * * *',
	'@minutely': '0 * * * * *',
	'@secondly': '* * * * * *',
	'@weekdays': '0 0 0 * * 1-5',
	'@weekends': '0 0 0 * * 0,6',
};

function field(item: PollTimeItem, key: keyof typeof DEFAULTS): unknown {
	const value = item[key];
	return value === undefined || value === null ? DEFAULTS[key] : value;
}

/**
 * The cron expression n8n registers for one entry, with 0 for its random second and minute (they
 * do not change the count); undefined where n8n itself would fail to make one.
 */
export function cronOfPollTime(item: PollTimeItem): string | undefined {
	const mode = field(item, 'mode');
	const [hour, minute] = [field(item, 'hour'), field(item, 'minute')];
	if (mode === 'everyMinute') return '0 * * * * *';
	if (mode === 'everyHour') return `0 ${String(minute)} * * * *`;
	if (mode === 'everyX') {
		const [unit, value] = [field(item, 'unit'), String(field(item, 'value'))];
		if (unit === 'minutes') return `0 */${value} * * * *`;
		if (unit === 'hours') return `0 0 */${value} * * *`;
	}
	if (mode === 'everyDay') return `0 ${String(minute)} ${String(hour)} * * *`;
	if (mode === 'everyWeek')
		return `0 ${String(minute)} ${String(hour)} * * ${String(field(item, 'weekday'))}`;
	if (mode === 'everyMonth')
		return `0 ${String(minute)} ${String(hour)} ${String(field(item, 'dayOfMonth'))} * *`;
	const cron = field(item, 'cronExpression');
	return typeof cron === 'string' ? cron.trim() : undefined;
}

/** One cron field's values (`cron` 4.x `CronTime._parseField`); undefined when it cannot be parsed. */
function cronField(
	value: string,
	low: number,
	high: number,
	weekday: boolean,
): boolean[] | undefined {
	const set: boolean[] = [];
	if (value.split(',').some((part) => part.indexOf('*') > 0)) return undefined;
	for (const range of value.replace(/\*/g, `${low}-${high}`).split(',')) {
		const m = /^(\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(range);
		if (!m) return undefined;
		let lower = parseInt(m[1], 10);
		let upper = m[2] === undefined ? undefined : parseInt(m[2], 10);
		const step = parseInt(m[3] === undefined ? '1' : m[3], 10);
		if (step === 0 || (upper !== undefined && lower > upper)) return undefined;
		if (
			lower < low ||
			(upper !== undefined && upper > high) ||
			(upper === undefined && lower > high)
		)
			return undefined;
		lower = Math.min(Math.max(low, lower), high);
		upper = upper !== undefined ? Math.min(high, upper) : m[3] !== undefined ? high : lower;
		for (let p = lower; p <= upper; p += step) set[p] = true;
		if (weekday) {
			if (set[7]) set[0] = true;
			set[7] = false;
		}
	}
	return set;
}

const count = (set: boolean[]) => set.filter((x) => x).length;

/** How often a cron expression fires a day, on average; undefined when `cron` cannot parse it. */
export function firesPerDay(expression: string): number | undefined {
	let source = expression.toLowerCase();
	if (Object.keys(PRESETS).includes(source)) source = PRESETS[source];
	let unknownAlias = false;
	source = source.replace(/[a-z]{1,3}/g, (alias) => {
		if (Object.keys(ALIASES).includes(alias)) return String(ALIASES[alias]);
		unknownAlias = true;
		return alias;
	});
	if (unknownAlias) return undefined;
	const units = source.trim().split(/\s+/);
	if (units.length < 5 || units.length > 6) return undefined;
	if (units.length === 5) units.unshift('0');
	const second = cronField(units[0], 0, 59, false);
	const minute = cronField(units[1], 0, 59, false);
	const hour = cronField(units[2], 0, 23, false);
	const dom = cronField(units[3], 1, 31, false);
	const month = cronField(units[4], 1, 12, false);
	const dow = cronField(units[5], 0, 7, true);
	if (!second || !minute || !hour || !dom || !month || !dow) return undefined;
	const [domAll, monthAll, dowAll] = [count(dom) === 31, count(month) === 12, count(dow) === 7];
	let fraction = 1;
	// Only weekdays restricted (every week): the cycle holds whole weeks.
	if (domAll && monthAll && !dowAll) fraction = count(dow) / 7;
	else if (!domAll || !monthAll || !dowAll) {
		let days = 0;
		let hits = 0;
		let weekdayNow = 1;
		for (let year = 2001; year <= 2028; year++) {
			for (let mo = 1; mo <= 12; mo++) {
				const length = [31, year % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
					mo - 1
				];
				for (let day = 1; day <= length; day++) {
					days++;
					const inDom = !!dom[day] && !domAll;
					const inDow = !!dow[weekdayNow] && !dowAll;
					const skip = (!dom[day] && !domAll && !inDow) || (!dow[weekdayNow] && !dowAll && !inDom);
					if ((month[mo] || monthAll) && !skip) hits++;
					weekdayNow = (weekdayNow + 1) % 7;
				}
			}
		}
		fraction = hits / days;
	}
	return count(second) * count(minute) * count(hour) * fraction;
}

function itemsOf(pollTimes: unknown): PollTimeItem[] {
	const items = (pollTimes as { item?: unknown } | null | undefined)?.item;
	return Array.isArray(items) ? (items as PollTimeItem[]) : [];
}

/**
 * Polls a day of a Poll Times value (`pollTimes` as n8n stores it); entries add up. Undefined when
 * n8n would refuse to activate it (a cron it cannot build or parse, or one firing every second).
 */
export function pollsPerDay(pollTimes: unknown): number | undefined {
	let total = 0;
	for (const item of itemsOf(pollTimes)) {
		const cron = cronOfPollTime(item ?? {});
		if (cron === undefined || cron.split(' ')[0].includes('*')) return undefined;
		const fires = firesPerDay(cron);
		if (fires === undefined) return undefined;
		total += fires;
	}
	return total;
}

const MODE_WORDS: Record<string, string> = {
	everyMinute: 'every minute',
	everyHour: 'every hour',
	everyDay: 'every day',
	everyWeek: 'every week',
	everyMonth: 'every month',
};

/** "every minute", "every 5 minutes", "custom schedule", "3 poll times". */
export function pollTimesLabel(pollTimes: unknown): string {
	const items = itemsOf(pollTimes);
	if (items.length === 0) return 'no poll times';
	if (items.length > 1) return `${items.length} poll times`;
	const item = items[0] ?? {};
	const mode = field(item, 'mode');
	if (typeof mode === 'string' && Object.keys(MODE_WORDS).includes(mode)) return MODE_WORDS[mode];
	const [unit, value] = [field(item, 'unit'), field(item, 'value')];
	if (mode === 'everyX' && (unit === 'minutes' || unit === 'hours'))
		return `every ${String(value)} ${value === 1 ? unit.slice(0, -1) : unit}`;
	return 'custom schedule';
}

/** 1,440; "<1" for a few calls a week. */
export function formatCalls(n: number): string {
	if (n > 0 && n < 1) return '<1';
	return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * What the node shows under its name: "every minute ≈ 1,440 calls a day; Free allows 250", with a
 * warning sign when that exceeds the plan. `callsPerPoll` is what one idle poll costs.
 */
export function pollCostText(pollTimes: unknown, plan: QuotaPlan, callsPerPoll = 1): string {
	const polls = pollsPerDay(pollTimes);
	if (polls === undefined) return 'Poll Times: n8n cannot run this schedule';
	const calls = polls * callsPerPoll;
	const warn = calls > plan.callsPerDay ? '⚠ ' : '';
	const shown = formatCalls(calls);
	const noun = shown === '1' || shown === '<1' ? 'call' : 'calls';
	return `${warn}${pollTimesLabel(pollTimes)} ≈ ${shown} ${noun} a day; ${plan.name} allows ${formatCalls(plan.callsPerDay)}`;
}

/**
 * A value as expression text. n8n splits expressions at `{{` and `}}` (n8n-workflow
 * `splitExpression`), so nested objects must not close with `}}`.
 */
function literal(value: unknown): string {
	return JSON.stringify(value, null, 1);
}

/** Expression text on one line: whitespace runs become one space (no string here holds two). */
function compact(js: string): string {
	return js.replace(/\s+/g, ' ').trim();
}

/**
 * pollsPerDay as an n8n expression: an arrow function's call that evaluates to the polls a day of
 * `$parameter.pollTimes`, or -1 where pollsPerDay is undefined. Same steps as the functions above.
 */
export const POLLS_PER_DAY_JS = compact(String.raw`(() => {
	const DEFAULTS = ${literal(DEFAULTS)};
	const ALIASES = ${literal(ALIASES)};
	const PRESETS = ${literal(PRESETS)};
	const field = (item, key) => (item[key] === undefined || item[key] === null ? DEFAULTS[key] : item[key]);
	const cronOf = (item) => {
		const mode = field(item, 'mode');
		const hour = field(item, 'hour');
		const minute = field(item, 'minute');
		if (mode === 'everyMinute') return '0 * * * * *';
		if (mode === 'everyHour') return '0 ' + String(minute) + ' * * * *';
		if (mode === 'everyX') {
			const unit = field(item, 'unit');
			const value = String(field(item, 'value'));
			if (unit === 'minutes') return '0 */' + value + ' * * * *';
			if (unit === 'hours') return '0 0 */' + value + ' * * *';
		}
		if (mode === 'everyDay') return '0 ' + String(minute) + ' ' + String(hour) + ' * * *';
		if (mode === 'everyWeek') return '0 ' + String(minute) + ' ' + String(hour) + ' * * ' + String(field(item, 'weekday'));
		if (mode === 'everyMonth') return '0 ' + String(minute) + ' ' + String(hour) + ' ' + String(field(item, 'dayOfMonth')) + ' * *';
		const cron = field(item, 'cronExpression');
		return typeof cron === 'string' ? cron.trim() : undefined;
	};
	const cronField = (value, low, high, weekday) => {
		const set = [];
		if (value.split(',').some((part) => part.indexOf('*') > 0)) return undefined;
		for (const range of value.replace(/\*/g, low + '-' + high).split(',')) {
			const m = /^(\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(range);
			if (!m) return undefined;
			let lower = parseInt(m[1], 10);
			let upper = m[2] === undefined ? undefined : parseInt(m[2], 10);
			const step = parseInt(m[3] === undefined ? '1' : m[3], 10);
			if (step === 0 || (upper !== undefined && lower > upper)) return undefined;
			if (lower < low || (upper !== undefined && upper > high) || (upper === undefined && lower > high)) return undefined;
			lower = Math.min(Math.max(low, lower), high);
			upper = upper !== undefined ? Math.min(high, upper) : m[3] !== undefined ? high : lower;
			for (let p = lower; p <= upper; p += step) set[p] = true;
			if (weekday) {
				if (set[7]) set[0] = true;
				set[7] = false;
			}
		}
		return set;
	};
	const count = (set) => set.filter((x) => x).length;
	const firesPerDay = (expression) => {
		let source = expression.toLowerCase();
		if (Object.keys(PRESETS).includes(source)) source = PRESETS[source];
		let unknownAlias = false;
		source = source.replace(/[a-z]{1,3}/g, (alias) => {
			if (Object.keys(ALIASES).includes(alias)) return String(ALIASES[alias]);
			unknownAlias = true;
			return alias;
		});
		if (unknownAlias) return undefined;
		const units = source.trim().split(/\s+/);
		if (units.length < 5 || units.length > 6) return undefined;
		if (units.length === 5) units.unshift('0');
		const second = cronField(units[0], 0, 59, false);
		const minute = cronField(units[1], 0, 59, false);
		const hour = cronField(units[2], 0, 23, false);
		const dom = cronField(units[3], 1, 31, false);
		const month = cronField(units[4], 1, 12, false);
		const dow = cronField(units[5], 0, 7, true);
		if (!second || !minute || !hour || !dom || !month || !dow) return undefined;
		const domAll = count(dom) === 31;
		const monthAll = count(month) === 12;
		const dowAll = count(dow) === 7;
		let fraction = 1;
		if (domAll && monthAll && !dowAll) fraction = count(dow) / 7;
		else if (!domAll || !monthAll || !dowAll) {
			let days = 0;
			let hits = 0;
			let weekdayNow = 1;
			for (let year = 2001; year <= 2028; year++) {
				for (let mo = 1; mo <= 12; mo++) {
					const length = [31, year % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
					for (let day = 1; day <= length; day++) {
						days++;
						const inDom = !!dom[day] && !domAll;
						const inDow = !!dow[weekdayNow] && !dowAll;
						const skip = (!dom[day] && !domAll && !inDow) || (!dow[weekdayNow] && !dowAll && !inDom);
						if ((month[mo] || monthAll) && !skip) hits++;
						weekdayNow = (weekdayNow + 1) % 7;
					}
				}
			}
			fraction = hits / days;
		}
		return count(second) * count(minute) * count(hour) * fraction;
	};
	const items = Array.isArray(($parameter.pollTimes || {}).item) ? $parameter.pollTimes.item : [];
	let total = 0;
	for (const item of items) {
		const cron = cronOf(item || {});
		if (cron === undefined || cron.split(' ')[0].includes('*')) return -1;
		const fires = firesPerDay(cron);
		if (fires === undefined) return -1;
		total += fires;
	}
	return total;
})()`);

/** The plan chosen in the parameter at `planPath` ("options.plan"), as an expression; `fallback` when unset or unknown. */
function planJs(planPath: string, plans: QuotaPlan[], fallback: string): string {
	const read = planPath
		.split('.')
		.reduce((js, key) => `((${js}) || {})[${JSON.stringify(key)}]`, '$parameter');
	const table = literal(
		Object.fromEntries(plans.map((p) => [p.value, { name: p.name, calls: p.callsPerDay }])),
	);
	return `(() => { const plans = ${table}; const chosen = ${read}; return Object.keys(plans).includes(chosen) ? chosen : ${JSON.stringify(fallback)}; })()`;
}

export interface PollCostOptions {
	plans: QuotaPlan[];
	/** The plan's parameter, as a path of node parameters: "options.plan". */
	planPath: string;
	/** The Plan option's default value. */
	defaultPlan: string;
	/** Calls one idle poll makes (1 for a list that fits one page). */
	callsPerPoll?: number;
}

/** pollCostText as the node's `subtitle` expression: shown under the node's name on the canvas. */
export function pollCostSubtitle(o: PollCostOptions): string {
	const table = literal(
		Object.fromEntries(o.plans.map((p) => [p.value, { name: p.name, calls: p.callsPerDay }])),
	);
	return `={{ ${compact(String.raw`(() => {
	const polls = ${POLLS_PER_DAY_JS};
	if (polls < 0) return 'Poll Times: n8n cannot run this schedule';
	const plan = ${table}[${planJs(o.planPath, o.plans, o.defaultPlan)}];
	const items = Array.isArray(($parameter.pollTimes || {}).item) ? $parameter.pollTimes.item : [];
	const words = ${literal(MODE_WORDS)};
	const fmt = (n) => (n > 0 && n < 1 ? '<1' : String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
	const label = (() => {
		if (items.length === 0) return 'no poll times';
		if (items.length > 1) return items.length + ' poll times';
		const item = items[0] || {};
		const pick = (key, fallback) => (item[key] === undefined || item[key] === null ? fallback : item[key]);
		const mode = pick('mode', ${JSON.stringify(DEFAULTS.mode)});
		if (typeof mode === 'string' && Object.keys(words).includes(mode)) return words[mode];
		const unit = pick('unit', ${JSON.stringify(DEFAULTS.unit)});
		const value = pick('value', ${JSON.stringify(DEFAULTS.value)});
		if (mode === 'everyX' && (unit === 'minutes' || unit === 'hours')) return 'every ' + String(value) + ' ' + (value === 1 ? unit.slice(0, -1) : unit);
		return 'custom schedule';
	})();
	const calls = polls * ${o.callsPerPoll ?? 1};
	const shown = fmt(calls);
	const noun = shown === '1' || shown === '<1' ? 'call' : 'calls';
	return (calls > plan.calls ? '⚠ ' : '') + label + ' ≈ ' + shown + ' ' + noun + ' a day; ' + plan.name + ' allows ' + fmt(plan.calls);
})()`)} }}`;
}

/**
 * One warning per plan, shown in the node's panel (output pane) while the chosen plan's daily
 * calls are exceeded by the Poll Times: a hint's message is static text, its displayCondition an
 * expression (n8n editor `getNodeHints`).
 */
export function pollCostHints(
	o: PollCostOptions,
	message: (plan: QuotaPlan) => string,
): NodeHint[] {
	return o.plans.map((plan) => ({
		message: message(plan),
		type: 'warning',
		location: 'outputPane',
		whenToDisplay: 'always',
		displayCondition: `={{ ${compact(planJs(o.planPath, o.plans, o.defaultPlan))} === ${JSON.stringify(plan.value)} && ${POLLS_PER_DAY_JS} * ${o.callsPerPoll ?? 1} > ${plan.callsPerDay} }}`,
	}));
}
