import { eventParameter } from '../../shared/trigger/description';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';
import { instantOf, userDate } from '../../shared/dates';
import { positiveInteger, requiredId } from '../../shared/parameters';
import { pollParameters, pollSettings } from '../../shared/settings';
import { DEFAULT_PAGES_PER_POLL } from '../../shared/trigger/description';
import type { PollOptions } from '../../shared/trigger/poll';
import { pollBudgetMs, pollChanges } from '../../shared/trigger/poll';
import { readState } from '../../shared/trigger/pollState';
import type { ChangeSource } from '../../shared/trigger/scan';
import { PeopleSession } from '../transport';
import {
	OVERLAP_MINUTES,
	attendanceSource,
	recentAttendanceEntry,
	windowMinutes,
} from './attendance';
import type { PeopleEvent } from './description';
import { formRecordSource, recentFormRecord } from './formRecords';
import { leaveRequestedSource, leaveStatusSource, recentLeave } from './leave';

/** Static data key of what the stored cursor belongs to: another event or form starts afresh. */
const WATCHED_KEY = 'peopleWatched';
/** Static data key of the attendance window: when the last successful read started (ms). */
const WINDOW_KEY = 'peopleAttendance';

function includeExistingFrom(ctx: IPollFunctions): number | undefined {
	const params = pollParameters(ctx);
	const raw = ctx.getNodeParameter('options.includeExistingSince', '') as unknown;
	// userDate only reads the node from its context; a poll context has no item.
	const date = userDate(params as IExecuteFunctions, raw, 'Include Existing Records Since', 0);
	return date ? instantOf(date, ctx.getTimezone()) : undefined;
}

/** The Zoho People Trigger's poll(): the event's source, then the shared poll semantics. */
export async function pollPeople(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const params = pollParameters(ctx);
	const event = eventParameter<PeopleEvent>(
		ctx,
		['leaveRequested', 'leaveStatusChanged', 'attendanceEntry', 'recordChanged'],
		'recordChanged',
	);
	const form = event === 'recordChanged' ? requiredId(params, 'form', 0, 'Form') : '';
	const chosen = String(ctx.getNodeParameter('leaveStatus', 'any'));
	const status = event === 'leaveStatusChanged' && chosen !== 'any' ? chosen : undefined;
	const session = new PeopleSession(ctx, pollSettings(ctx, pollBudgetMs(ctx)));
	const now = Date.now();
	const options: Omit<PollOptions, 'sample'> = {
		includeExistingFrom: includeExistingFrom(ctx),
		maxPages: positiveInteger(params, 'options.maxPagesPerPoll', 0, 'Max Pages per Poll', {
			fallback: DEFAULT_PAGES_PER_POLL,
			max: 100,
			forItem: false,
		}),
	};

	if (ctx.getMode() === 'manual') {
		// "Fetch Test Event": one recent record; pollChanges never touches the static data then.
		const sample = async () =>
			event === 'attendanceEntry'
				? await recentAttendanceEntry(session)
				: event === 'recordChanged'
					? await recentFormRecord(session, form, now)
					: await recentLeave(session, now, status);
		return await pollChanges(ctx, NO_SOURCE, { ...options, sample });
	}

	const stored = ctx.getWorkflowStaticData('node');
	const watched = event === 'recordChanged' ? `${event}:${form}` : event;
	if (stored[WATCHED_KEY] !== watched) {
		// A cursor kept for another event or form would skip or repeat changes: start as on activation.
		delete stored.zohoPoll;
		delete stored[WINDOW_KEY];
		stored[WATCHED_KEY] = watched;
	}
	const state = readState(stored);
	const sample = async () => undefined;

	if (event === 'attendanceEntry') {
		const window = stored[WINDOW_KEY] as IDataObject | undefined;
		const lastRead = typeof window?.readAt === 'number' ? window.readAt : undefined;
		const from = state ? lastRead : options.includeExistingFrom;
		// Without a last read (first activation) the window is the overlap: what the next poll
		// reads again must be known as existing.
		const minutes = from === undefined ? OVERLAP_MINUTES + 1 : windowMinutes(now, from);
		let readAt: number | undefined;
		const source = attendanceSource(session, minutes, (startedAt) => (readAt = startedAt));
		const result = await pollChanges(ctx, source, { ...options, sample });
		if (readAt !== undefined) stored[WINDOW_KEY] = { readAt };
		return result;
	}

	const source: ChangeSource =
		event === 'recordChanged'
			? formRecordSource(session, form)
			: event === 'leaveRequested'
				? leaveRequestedSource(session)
				: leaveStatusSource(session, state?.seen ?? {}, status);
	return await pollChanges(ctx, source, { ...options, sample });
}

/** A manual test reads only its sample. */
const NO_SOURCE: ChangeSource = {
	listing: 'changedSinceAnyOrder',
	fingerprintIsChangeTime: true,
	readPage: async () => ({ records: [], hasMore: false }),
};
