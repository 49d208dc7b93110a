import type { IDataObject } from 'n8n-workflow';
import { fileNameFromDisposition } from '../../../shared/transport/headers';
import { idField, organizationIdOf, recordIdOf } from '../resourceBuilder/fields';
import type { InvoiceOperation, ResourceSpec } from '../resourceBuilder/types';

/** GET /invoices/{id}?accept=pdf, returned as n8n binary data. */
export function downloadPdf(spec: ResourceSpec): InvoiceOperation {
	return {
		name: 'Download PDF',
		action: 'Download an invoice as PDF',
		description: 'Download the invoice as a PDF file (binary data)',
		properties: [
			idField(spec, ['downloadPdf']),
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				required: true,
				default: 'data',
				hint: 'The name of the output binary field to put the file in',
			},
		],
		async execute(session, itemIndex) {
			const id = recordIdOf(this, spec, itemIndex);
			const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
			const organizationId = organizationIdOf(this, itemIndex);
			const response = await session.request(
				organizationId,
				{
					method: 'GET',
					path: `${spec.path}/${encodeURIComponent(id)}`,
					qs: { accept: 'pdf' },
					headers: { Accept: 'application/pdf' },
				},
				itemIndex,
			);
			// Zoho names the file after the invoice number where it says (not documented for
			// ?accept=pdf, so the ID is the fallback).
			const fileName =
				fileNameFromDisposition(response.headers['content-disposition']) ?? `invoice-${id}.pdf`;
			const binary = await this.helpers.prepareBinaryData(
				response.raw,
				fileName,
				'application/pdf',
			);
			const json: IDataObject = {
				[spec.idField]: id,
				fileName: binary.fileName,
				fileSize: response.raw.length,
			};
			return [{ json, binary: { [property]: binary } }];
		},
	};
}
