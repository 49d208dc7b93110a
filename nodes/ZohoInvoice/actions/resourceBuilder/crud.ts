import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	extraFieldsJson,
	idField,
	lineItemFields,
	organizationIdOf,
	propertiesOf,
	recordIdOf,
} from './fields';
import { collectionId, lineItemsFrom, toZohoBody } from './body';
import { actionOutput, recordOutput, simplified } from '../../helpers/output';
import {
	formatIsoDate,
	formatUtcPlus0000,
	instantOf,
	requiredDate,
	workflowTimeZone,
} from '../../../shared/dates';
import { paginationProperties } from '../../../shared/descriptions';
import { bodyItems, itemJson } from '../../../shared/execute';
import { keysOf, resourceOperations, scoped } from '../../../shared/operations';
import { pageOptions, requiredId, stringifyJson } from '../../../shared/parameters';
import type {
	BodyField,
	InvoiceOperation,
	InvoiceResource,
	ResourceSpec,
	StandardOperation,
	StateChange,
} from './types';

/** "an invoice", "a contact". */
function a(noun: string): string {
	return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** `id` comes from recordIdOf: never empty, so a record path never becomes the list path. */
function recordPath(spec: ResourceSpec, id: string): string {
	return `${spec.path}/${encodeURIComponent(id)}`;
}

/** Every field a create or update of the resource may send. */
function bodyFieldsOf(spec: ResourceSpec): BodyField[] {
	return [...(spec.requiredFields ?? []), ...(spec.additionalFields ?? []), extraFieldsJson];
}

function withShow(
	spec: ResourceSpec,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((p) => scoped(p, spec.value, operation));
}

function create(spec: ResourceSpec): InvoiceOperation {
	const optional: INodeProperties = {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: propertiesOf([...(spec.additionalFields ?? []), extraFieldsJson]),
	};
	return {
		name: 'Create',
		action: `Create ${a(spec.name.toLowerCase())}`,
		description: `Create ${a(spec.name.toLowerCase())}`,
		properties: [
			...withShow(spec, 'create', propertiesOf(spec.requiredFields ?? [])),
			...(spec.lineItems
				? lineItemFields(spec).filter((p) => p.displayOptions?.show?.operation?.includes('create'))
				: []),
			...withShow(spec, 'create', [optional]),
		],
		async execute(session, itemIndex) {
			const fields = bodyFieldsOf(spec);
			const body: IDataObject = {};
			for (const { property, key, kind } of spec.requiredFields ?? []) {
				// Required references (customer, account) must be given, and are checked like any record ID.
				if (kind === 'id')
					body[key] = requiredId(this, property.name, itemIndex, property.displayName);
				else
					Object.assign(
						body,
						toZohoBody(
							this,
							{ [property.name]: this.getNodeParameter(property.name, itemIndex) as string },
							itemIndex,
							fields,
						),
					);
			}
			Object.assign(
				body,
				toZohoBody(
					this,
					this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
					itemIndex,
					fields,
					'additionalFields',
				),
			);
			if (spec.lineItems) body.line_items = lineItemsFrom(this, itemIndex);
			const organizationId = organizationIdOf(this, itemIndex);
			// stringifyJson writes 18-digit integers typed in JSON fields back exactly as typed.
			const response = await session.request(
				organizationId,
				{ method: 'POST', path: spec.path, body: stringifyJson(body) },
				itemIndex,
			);
			return recordOutput(this, itemIndex, response.body, spec.singularKey);
		},
	};
}

/**
 * The Simplify toggle of Get and Get Many, on by default as n8n's guidelines ask for records with
 * many fields; its description names the fields it keeps. Shown from node version 1.1, so a
 * workflow saved with version 1 keeps its full output.
 */
function simplifyProperty(fields: readonly string[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
		description: `Whether to return only these fields instead of the whole record: ${fields.join(', ')}`,
	};
}

/**
 * The fields to keep, or undefined for the whole record (Simplify off, a resource without it, or
 * node version 1, which had no such option).
 */
function simplifyFields(
	ctx: IExecuteFunctions,
	spec: ResourceSpec,
	itemIndex: number,
): readonly string[] | undefined {
	if (!spec.simplify || ctx.getNode().typeVersion < 1.1) return undefined;
	return ctx.getNodeParameter('simplify', itemIndex, true) === false ? undefined : spec.simplify;
}

function get(spec: ResourceSpec): InvoiceOperation {
	return {
		name: 'Get',
		action: `Get ${a(spec.name.toLowerCase())}`,
		description: `Get ${a(spec.name.toLowerCase())} by ID`,
		properties: [
			idField(spec, ['get']),
			...(spec.simplify ? withShow(spec, 'get', [simplifyProperty(spec.simplify)]) : []),
		],
		async execute(session, itemIndex) {
			const id = recordIdOf(this, spec, itemIndex);
			const organizationId = organizationIdOf(this, itemIndex);
			const response = await session.request(
				organizationId,
				{ method: 'GET', path: recordPath(spec, id) },
				itemIndex,
			);
			return recordOutput(
				this,
				itemIndex,
				response.body,
				spec.singularKey,
				simplifyFields(this, spec, itemIndex),
			);
		},
	};
}

/**
 * Filter values -> query parameters under their declared keys, checked; dates in the formats Zoho
 * expects. An instant (Modified Since) takes its own offset, else the workflow's time zone, and is sent as UTC.
 */
function filterQuery(
	ctx: IExecuteFunctions,
	spec: ResourceSpec,
	filters: IDataObject,
	itemIndex: number,
): IDataObject {
	const byName = new Map((spec.filters ?? []).map((f) => [f.property.name, f]));
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		if (value === '' || value === undefined || value === null) continue;
		const field = byName.get(name);
		// Every value comes from one of the spec's filters; one without a declaration is a bug, not input to guess at.
		if (!field)
			throw new NodeOperationError(ctx.getNode(), `The filter "${name}" has no Zoho key`, {
				itemIndex,
			});
		const label = field.property.displayName;
		if (field.kind === 'instant')
			qs[field.key] = formatUtcPlus0000(
				instantOf(requiredDate(ctx, value, label, itemIndex), workflowTimeZone(ctx)),
			);
		else if (field.kind === 'day')
			qs[field.key] = formatIsoDate(requiredDate(ctx, value, label, itemIndex));
		else if (field.kind === 'status' && typeof value === 'string' && value.startsWith('Status.'))
			qs.filter_by = value;
		else if (field.kind === 'id') {
			const id = collectionId(ctx, value, 'filters', name, label, itemIndex);
			// A locator left empty is no filter.
			if (id !== '') qs[field.key] = id;
		} else qs[field.key] = value as string;
	}
	return qs;
}

function getAll(spec: ResourceSpec): InvoiceOperation {
	const properties: INodeProperties[] = paginationProperties();
	if (spec.simplify) properties.push(simplifyProperty(spec.simplify));
	if (spec.filters?.length) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: propertiesOf(spec.filters),
		});
	}
	return {
		name: 'Get Many',
		action: `Get many ${spec.plural}`,
		description: `Get many ${spec.plural}, 200 per call`,
		properties: withShow(spec, 'getAll', properties),
		async execute(session, itemIndex) {
			const pages = pageOptions(this, itemIndex);
			const filters = spec.filters?.length
				? (this.getNodeParameter('filters', itemIndex, {}) as IDataObject)
				: {};
			const qs = filterQuery(this, spec, filters, itemIndex);
			const organizationId = organizationIdOf(this, itemIndex);
			const result = await session.requestPages(
				organizationId,
				{ method: 'GET', path: spec.path, qs },
				pages,
				itemIndex,
			);
			if (!('records' in result)) return bodyItems(result.notAList.body);
			const keep = simplifyFields(this, spec, itemIndex);
			return result.records.map((record) => ({
				json: keep ? simplified(itemJson(record), keep) : itemJson(record),
			}));
		},
	};
}

function update(spec: ResourceSpec): InvoiceOperation {
	const fields: INodeProperties = {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...propertiesOf(spec.requiredFields ?? []).map((p) => ({ ...p, required: false })),
			...propertiesOf([...(spec.additionalFields ?? []), extraFieldsJson]),
		],
	};
	return {
		name: 'Update',
		action: `Update ${a(spec.name.toLowerCase())}`,
		description: `Update ${a(spec.name.toLowerCase())}; only the fields given change`,
		properties: [
			idField(spec, ['update']),
			...(spec.lineItems
				? lineItemFields(spec).filter((p) => p.displayOptions?.show?.operation?.includes('update'))
				: []),
			...withShow(spec, 'update', [fields]),
		],
		async execute(session, itemIndex) {
			const id = recordIdOf(this, spec, itemIndex);
			const body = toZohoBody(
				this,
				this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
				itemIndex,
				bodyFieldsOf(spec),
				'updateFields',
			);
			if (spec.lineItems) {
				const lineItems = lineItemsFrom(this, itemIndex);
				if (lineItems) body.line_items = lineItems;
			}
			const organizationId = organizationIdOf(this, itemIndex);
			const response = await session.request(
				organizationId,
				{ method: 'PUT', path: recordPath(spec, id), body: stringifyJson(body) },
				itemIndex,
			);
			return recordOutput(this, itemIndex, response.body, spec.singularKey);
		},
	};
}

function remove(spec: ResourceSpec): InvoiceOperation {
	return {
		name: 'Delete',
		action: `Delete ${a(spec.name.toLowerCase())}`,
		description: `Delete ${a(spec.name.toLowerCase())}`,
		properties: [idField(spec, ['delete'])],
		async execute(session, itemIndex) {
			const id = recordIdOf(this, spec, itemIndex);
			const organizationId = organizationIdOf(this, itemIndex);
			await session.request(
				organizationId,
				{ method: 'DELETE', path: recordPath(spec, id) },
				itemIndex,
			);
			// n8n's guidelines: a delete returns { deleted: true }. The ID stays beside it (as Airtable v2's
			// delete returns { id, deleted: true }) so that each item of a batch names what it deleted.
			return [{ json: { [spec.idField]: id, deleted: true } }];
		},
	};
}

function stateChange(spec: ResourceSpec, change: StateChange): InvoiceOperation {
	return {
		name: change.name,
		action: change.action,
		description: change.description,
		properties: [idField(spec, [change.value])],
		async execute(session, itemIndex) {
			const id = recordIdOf(this, spec, itemIndex);
			const organizationId = organizationIdOf(this, itemIndex);
			const response = await session.request(
				organizationId,
				{ method: 'POST', path: `${recordPath(spec, id)}${change.suffix}` },
				itemIndex,
			);
			return actionOutput(response.body, { [spec.idField]: id });
		},
	};
}

const STANDARD = { create, get, getAll, update, delete: remove };

/**
 * A spec kept with its literal value and operation values, for a resource that passes it to its
 * own operations too (a spec written inside defineResource keeps them anyway).
 */
export function resourceSpec<
	Value extends string,
	Op extends StandardOperation,
	Change extends string = never,
>(spec: ResourceSpec<Value, Op, Change>): ResourceSpec<Value, Op, Change> {
	return spec;
}

/**
 * Builds a resource's Operation option list, its fields and its operation table from its spec and
 * any operations of its own (email, PDF, apply credits), keyed by their values.
 */
export function defineResource<
	Value extends string,
	Op extends StandardOperation,
	Change extends string = never,
	Extra extends string = never,
>(
	spec: ResourceSpec<Value, Op, Change>,
	extra?: Readonly<Record<Extra, InvoiceOperation>>,
): InvoiceResource<Value, Op | Change | Extra> {
	const definitions = {} as Record<Op | Change | Extra, InvoiceOperation>; // filled below, one entry per key
	for (const operation of spec.operations) definitions[operation] = STANDARD[operation](spec);
	for (const change of spec.stateChanges ?? [])
		definitions[change.value] = stateChange(spec, change);
	if (extra) for (const value of keysOf(extra)) definitions[value] = extra[value];
	const writes = spec.operations.some(
		(operation) => operation === 'create' || operation === 'update',
	);
	return {
		option: { name: spec.name, value: spec.value },
		bodyFields: writes ? bodyFieldsOf(spec) : [],
		queryFields: spec.operations.some((operation) => operation === 'getAll')
			? (spec.filters ?? [])
			: [],
		...resourceOperations(spec.value, definitions),
	};
}
