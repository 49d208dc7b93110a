import type { INodeProperties } from 'n8n-workflow';
import type { OperationDefinition, ResourceDefinition } from '../../../shared/operations';
import type { InvoiceSession } from '../../transport';

/** One operation of a Zoho Invoice resource: its option, its fields and its code. */
export type InvoiceOperation = OperationDefinition<InvoiceSession>;

/** A POST that changes a record's state, e.g. /invoices/{id}/status/sent. */
export interface StateChange<V extends string = string> {
	/** The operation's value. */
	value: V;
	name: string;
	/** What an AI agent sees, e.g. "Mark an invoice as sent". */
	action: string;
	/** Appended to the record's path. */
	suffix: string;
	description: string;
}

/**
 * How a field's value goes to Zoho: as given (plain), parsed from JSON text with large integers kept
 * exact (json), as a yyyy-MM-dd day (date), as a checked record ID (id), or as a JSON object merged
 * into the body under its own keys (merge, Extra Fields).
 */
export type FieldKind = 'plain' | 'json' | 'date' | 'id' | 'merge';

/**
 * A field Zoho receives: the node parameter, its key in Zoho's body and how its value is sent. The
 * key is declared, not derived from the parameter name, so that renaming a parameter cannot change
 * what goes on the wire (and renaming either one shows in the field list).
 */
export interface BodyField {
	property: INodeProperties;
	/** Zoho's key, e.g. reference_number; '' for a merge field. */
	key: string;
	kind: FieldKind;
}

/**
 * How a Get Many filter goes into the query: as given (plain), as a checked record ID (id), as a
 * yyyy-MM-dd day (day), as an instant in UTC (instant: its own offset, else the workflow's time
 * zone), or as a status (status: a `Status.*` value is Zoho's filter_by, any other is sent under the key).
 */
export type FilterKind = 'plain' | 'id' | 'day' | 'instant' | 'status';

/** A Get Many filter: the node parameter, its declared query key and how its value is sent. */
export interface QueryField {
	property: INodeProperties;
	key: string;
	kind: FilterKind;
}

export type StandardOperation = 'create' | 'get' | 'getAll' | 'update' | 'delete';

/**
 * What differs between Zoho Invoice resources; the CRUD shapes are built from it once. Its type
 * keeps the resource's value and its operations' values, for the router's typed table.
 */
export interface ResourceSpec<
	Value extends string = string,
	Op extends StandardOperation = StandardOperation,
	Change extends string = string,
> {
	value: Value;
	name: string;
	/** Plural for descriptions, e.g. "contacts". */
	plural: string;
	path: string;
	idField: string;
	singularKey: string;
	operations: readonly Op[];
	/** Fields required on create, each with its declared Zoho key and kind. */
	requiredFields?: BodyField[];
	/** Optional fields on create and update. */
	additionalFields?: BodyField[];
	/** Whether records carry line items (invoices, estimates, credit notes, recurring invoices). */
	lineItems?: boolean;
	/** Filters of Get Many, each sent as a query parameter under its declared key. */
	filters?: QueryField[];
	stateChanges?: ReadonlyArray<StateChange<Change>>;
	/**
	 * The record's ID as a resource locator (From list / By URL / By ID) wherever an operation asks
	 * for it: its listSearch method and its page in the web app, if it has one.
	 */
	locator?: { searchListMethod: string; urlSections?: string };
	/**
	 * The fields Get and Get Many return when Simplify is on (their default), in this order; for
	 * records with many more fields. The Simplify option names them.
	 */
	simplify?: readonly string[];
}

/** A resource built from its spec: its Resource option, its Operation list and fields, its handlers. */
export interface InvoiceResource<
	Value extends string = string,
	V extends string = string,
> extends ResourceDefinition<InvoiceSession, V> {
	option: { name: string; value: Value };
	/** Every field a create or update may send, with its declared Zoho key and kind (none for a read-only resource). */
	bodyFields: readonly BodyField[];
	/** The filters of Get Many, with their declared query keys and kinds. */
	queryFields: readonly QueryField[];
}
