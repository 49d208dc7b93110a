/**
 * n8n's own HTTP Request node (n8n-nodes-base, class HttpRequestV3, versions 3–4.4) loaded from the
 * n8n 2.8.4 that `npm install` / the e2e set-up put in `<repo>/.cache/` (n8n-nodes-base 2.8.1, the
 * same release as the repo's n8n-core 2.8.1). It runs in the same harness as the package's nodes
 * (test/harness runNode → n8n-core WorkflowExecute), so both go through the same request helpers.
 *
 * Registered as `n8n-nodes-base.httpRequest`: n8n-core lets only that type name read any credential
 * type (`fullAccess` in NodeExecutionContext._getCredentials), which is what makes "Predefined
 * Credential Type" work. The harness's `extraNodes` would register it under this package's name.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import type { IDataObject, INodeParameters, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { currentPackage } from '../../test/harness';
import { ORG_HEADER } from './baseline';
import { ORG_ID } from './constants';

export const HTTP_REQUEST_NODE_TYPE = 'n8n-nodes-base.httpRequest';
/** What n8n 2.8.4's editor puts on the canvas (`defaultVersion` of the versioned node). */
export const HTTP_REQUEST_TYPE_VERSION = 4.4;

const ROOT = path.resolve(__dirname, '../..');
const NODES_BASE = path.join(ROOT, '.cache/n8n-2.8.4/node_modules/n8n-nodes-base');
const NODE_FILE = path.join(NODES_BASE, 'dist/nodes/HttpRequest/HttpRequest.node.js');

export type HttpNodeStatus =
	| { available: true; source: string; nodesBaseVersion: string; typeVersion: number }
	| { available: false; reason: string };

let status: HttpNodeStatus | undefined;

/**
 * In an n8n install, n8n-core and n8n-nodes-base share one n8n-workflow. Here n8n-core is the repo's,
 * so the HTTP Request node's `require('n8n-workflow')` is pointed at the repo's copy too (same
 * version, 2.8.0); otherwise its `instanceof NodeApiError` checks would see foreign classes.
 */
function shareN8nWorkflow(nodesBaseRealDir: string): void {
	const repoWorkflow = require.resolve('n8n-workflow', { paths: [ROOT] });
	const loader = Module as unknown as {
		_resolveFilename(
			request: string,
			parent: { filename?: string } | undefined,
			...rest: unknown[]
		): string;
	};
	const original = loader._resolveFilename;
	loader._resolveFilename = function (request, parent, ...rest) {
		if (request === 'n8n-workflow' && parent?.filename?.startsWith(nodesBaseRealDir + path.sep))
			return repoWorkflow;
		return original.call(this, request, parent, ...rest);
	};
}

/**
 * Loads the node once into the current harness package. Never throws: when the cache is missing
 * the rows that need the node are skipped with the reason.
 */
export function loadHttpRequestNode(): HttpNodeStatus {
	if (status) return status;
	if (!existsSync(NODE_FILE)) {
		status = {
			available: false,
			reason: '.cache/n8n-2.8.4 has no HTTP Request node (`npm start` installs n8n 2.8.4 there)',
		};
		return status;
	}
	const nodesBaseVersion = (
		JSON.parse(readFileSync(path.join(NODES_BASE, 'package.json'), 'utf8')) as { version: string }
	).version;
	shareN8nWorkflow(realpathSync(NODES_BASE));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(NODE_FILE) as { HttpRequest: new () => IVersionedNodeType };
	const node: INodeType | IVersionedNodeType = new mod.HttpRequest();
	currentPackage().nodeTypes.add(HTTP_REQUEST_NODE_TYPE, node);
	status = {
		available: true,
		source: `n8n-nodes-base ${nodesBaseVersion} (.cache/n8n-2.8.4) HttpRequest V3, typeVersion ${HTTP_REQUEST_TYPE_VERSION}`,
		nodesBaseVersion,
		typeVersion: HTTP_REQUEST_TYPE_VERSION,
	};
	return status;
}

/** Authentication → Predefined Credential Type → our credential, as a user picks it in the editor. */
export function predefined(credentialType: string): INodeParameters {
	return { authentication: 'predefinedCredentialType', nodeCredentialType: credentialType };
}

const orgHeader = {
	sendHeaders: true,
	specifyHeaders: 'keypair',
	headerParameters: { parameters: [{ name: ORG_HEADER, value: ORG_ID }] },
};

/** GET {api}/invoice/v3/contacts/{{ $json.id }} with the organization header: Contact → Get. */
export function getContactParameters(apiUrl: string, credentialType: string): INodeParameters {
	return {
		method: 'GET',
		url: `=${apiUrl}/invoice/v3/contacts/{{ $json.id }}`,
		...predefined(credentialType),
		...orgHeader,
		options: {},
	};
}

/**
 * GET {api}/invoice/v3/contacts with the node's Pagination option as Zoho Invoice needs it:
 * `per_page` 200 (Zoho's maximum, zoho-api.md), `page` = `{{ $pageCount + 1 }}` in each request,
 * complete when `page_context.has_more_page` is false (the pattern of n8n's pagination docs).
 */
export function listContactsParameters(
	apiUrl: string,
	credentialType: string,
	perPage = 200,
	maxPages?: number,
): INodeParameters {
	return {
		method: 'GET',
		url: `${apiUrl}/invoice/v3/contacts`,
		...predefined(credentialType),
		sendQuery: true,
		specifyQuery: 'keypair',
		queryParameters: { parameters: [{ name: 'per_page', value: String(perPage) }] },
		...orgHeader,
		options: {
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: {
						parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
					},
					paginationCompleteWhen: 'other',
					completeExpression: '={{ !$response.body.page_context.has_more_page }}',
					// "Limit Pages Fetched": how a user gets only the first page (e.g. 5 records).
					...(maxPages ? { limitPagesFetched: true, maxRequests: maxPages } : {}),
				},
			},
		},
	};
}

/** Contacts in the HTTP Request node's output: one item per page, each a Zoho list answer. */
export function contactsOfPages(items: IDataObject[]): IDataObject[] {
	return items.flatMap((page) =>
		Array.isArray(page.contacts) ? (page.contacts as IDataObject[]) : [],
	);
}
