import type { IDataObject } from 'n8n-workflow';
import { idField, organizationIdOf, recordIdOf } from './fields';
import { actionOutput } from '../../helpers/output';
import type { InvoiceOperation, ResourceSpec } from './types';

function list(value: unknown): string[] {
	return String(value ?? '')
		.split(/[,;\s]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** POST {record}/email: Zoho sends the document to the customer. */
export function emailOperation(spec: ResourceSpec): InvoiceOperation {
	const noun = spec.name.toLowerCase();
	return {
		name: 'Email',
		action: `Email ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun} to the customer`,
		description: `Email the ${noun} to the customer from Zoho`,
		properties: [
			idField(spec, ['email']),
			{
				displayName: 'To',
				name: 'toEmails',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'name@email.com, other@email.com',
				description: 'Recipients, separated by commas',
			},
			{
				displayName: 'Options',
				name: 'emailOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'CC',
						name: 'ccEmails',
						type: 'string',
						default: '',
						description: 'Recipients in copy, separated by commas',
					},
					{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
					{
						displayName: 'Body',
						name: 'body',
						type: 'string',
						typeOptions: { rows: 4 },
						default: '',
					},
				],
			},
		],
		async execute(session, itemIndex) {
			const id = recordIdOf(this, spec, itemIndex);
			const options = this.getNodeParameter('emailOptions', itemIndex, {}) as IDataObject;
			const body: IDataObject = { to_mail_ids: list(this.getNodeParameter('toEmails', itemIndex)) };
			if (options.ccEmails) body.cc_mail_ids = list(options.ccEmails);
			if (options.subject) body.subject = options.subject;
			if (options.body) body.body = options.body;
			const organizationId = organizationIdOf(this, itemIndex);
			const response = await session.request(
				organizationId,
				{ method: 'POST', path: `${spec.path}/${encodeURIComponent(id)}/email`, body },
				itemIndex,
			);
			return actionOutput(response.body, { [spec.idField]: id, to: body.to_mail_ids as string[] });
		},
	};
}
