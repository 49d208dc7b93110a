import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { instantOf, parseIsoDate } from '../../shared/dates';
import { numberParameter, optionalId, positiveInteger } from '../../shared/parameters';
import { pollParameters, pollSettings } from '../../shared/settings';
import { DEFAULT_PAGES_PER_POLL } from '../../shared/trigger/description';
import { pollBudgetMs, pollChanges } from '../../shared/trigger/poll';
import { InvoiceSession } from '../transport';
import { DEFAULT_OVERDUE_DAYS } from './description';
import { TriggerLists } from './list';
import type { ModifiedEvent } from './modifiedListing';
import { latestRecord, modifiedSource } from './modifiedListing';
import { latestOverdue, overdueSource } from './overdueWindow';
import { STATUS_EVENT, WATCHED, isInvoiceStatus } from './resources';

/**
 * Zoho Invoice's change times have whole seconds: "now" is taken at the start of its second, so a
 * record changed later in the second the workflow was activated in is not mistaken for history.
 */
const wholeSeconds = () => Math.floor(Date.now() / 1000) * 1000;

/** Include Existing Records Since as ms; a time without an offset is read in the workflow's zone. */
function includeExistingFrom(ctx: IPollFunctions): number | undefined {
	const value = ctx.getNodeParameter('options.includeExistingSince', '') as unknown;
	if (value === undefined || value === null || value === '') return undefined;
	let text: string | undefined;
	if (typeof value === 'string') text = value;
	else if (value instanceof Date) text = value.toISOString();
	else if (typeof (value as { toISO?: unknown }).toISO === 'function')
		text = String((value as { toISO: () => unknown }).toISO());
	const date = text === undefined ? undefined : parseIsoDate(text);
	if (!date) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"Include Existing Records Since" is not a valid date: ${JSON.stringify(String(value)).slice(0, 60)}`,
			{ description: 'Use an ISO date such as 2031-03-10 or 2031-03-10T09:30:00Z.' },
		);
	}
	return instantOf(date, ctx.getTimezone());
}

/** The Zoho Invoice Trigger's poll(): the chosen event's changes since the last poll. */
export async function pollInvoiceTrigger(
	this: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const params = pollParameters(this);
	const event = this.getNodeParameter('event', 'invoice') as string;
	const session = new InvoiceSession(this, pollSettings(this, pollBudgetMs(this)));
	const stored = this.getMode() === 'manual' ? undefined : this.getWorkflowStaticData('node');
	const organizationId = optionalId(params, 'organizationId', 0, 'Organization Name or ID');
	const lists = new TriggerLists(this, session, organizationId, stored);
	const options = {
		includeExistingFrom: includeExistingFrom(this),
		maxPages: positiveInteger(params, 'options.maxPagesPerPoll', 0, 'Max Pages per Poll', {
			fallback: DEFAULT_PAGES_PER_POLL,
			max: 100,
			forItem: false,
		}),
		now: wholeSeconds,
	};

	let watched: ModifiedEvent;
	if (event === STATUS_EVENT) {
		const status = this.getNodeParameter('status', 'paid') as unknown;
		if (!isInvoiceStatus(status)) {
			throw new NodeOperationError(this.getNode(), `"Status" is not a known invoice status`, {
				description: `Got ${JSON.stringify(String(status)).slice(0, 60)}.`,
			});
		}
		if (status === 'overdue') {
			const days = numberParameter(params, 'overdueWindowDays', 0, 'Overdue Window (Days)', {
				fallback: DEFAULT_OVERDUE_DAYS,
				min: 1,
				max: 365,
				integer: true,
				forItem: false,
			});
			return await pollChanges(this, overdueSource(lists, days, Date.now()), {
				...options,
				sample: async () => await latestOverdue(lists),
			});
		}
		watched = { list: WATCHED.invoice, fingerprint: 'status', status };
	} else if (Object.prototype.hasOwnProperty.call(WATCHED, event)) {
		watched = { list: WATCHED[event as keyof typeof WATCHED], fingerprint: 'change' };
	} else {
		throw new NodeOperationError(this.getNode(), `"Event" is not a known event`, {
			description: `Got ${JSON.stringify(String(event)).slice(0, 60)}.`,
		});
	}
	return await pollChanges(this, modifiedSource(this.getNode(), lists, watched), {
		...options,
		sample: async () => await latestRecord(lists, watched),
	});
}
