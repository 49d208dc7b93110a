import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { collectionId } from '../resourceBuilder/body';
import { idField, organizationIdOf, recordIdOf } from '../resourceBuilder/fields';
import { recordLocator } from '../resourceBuilder/locators';
import { recordOutput } from '../../helpers/output';
import type { InvoiceOperation, ResourceSpec } from '../resourceBuilder/types';

/** POST /creditnotes/{id}/invoices: use the credit to pay invoices. */
export function applyToInvoices(spec: ResourceSpec): InvoiceOperation {
	return {
		name: 'Apply to Invoices',
		action: 'Apply a credit note to invoices',
		description: 'Use the credit note to pay one or more invoices',
		properties: [
			idField(spec, ['applyToInvoices']),
			{
				displayName: 'Invoices',
				name: 'invoices',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Invoice',
				required: true,
				default: {},
				options: [
					{
						name: 'invoice',
						displayName: 'Invoice',
						values: [
							recordLocator({
								displayName: 'Invoice',
								name: 'invoiceId',
								searchListMethod: 'searchInvoices',
								noun: 'invoice',
								urlSections: 'invoices',
							}),
							{
								displayName: 'Amount',
								name: 'amount',
								type: 'number',
								typeOptions: { minValue: 0 },
								default: 0,
							},
						],
					},
				],
			},
		],
		async execute(session, itemIndex) {
			const id = recordIdOf(this, spec, itemIndex);
			const rows =
				(this.getNodeParameter('invoices', itemIndex, {}) as { invoice?: IDataObject[] }).invoice ??
				[];
			const body = {
				invoices: rows.map((r, row) => {
					const invoiceId = collectionId(
						this,
						r.invoiceId,
						`invoices.invoice[${row}]`,
						'invoiceId',
						'Invoice',
						itemIndex,
					);
					if (invoiceId === '')
						throw new NodeOperationError(this.getNode(), '"Invoice" is required but was empty', {
							itemIndex,
						});
					return { invoice_id: invoiceId, amount_applied: r.amount };
				}),
			};
			const organizationId = organizationIdOf(this, itemIndex);
			const response = await session.request(
				organizationId,
				{ method: 'POST', path: `${spec.path}/${encodeURIComponent(id)}/invoices`, body },
				itemIndex,
			);
			return recordOutput(this, itemIndex, response.body, 'apply_to_invoices');
		},
	};
}
