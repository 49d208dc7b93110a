/**
 * Mirrors packages/cli/src/services/credentials-tester.service.ts (n8n ~2.8): finds the test
 * (the type's own `test`, or what a supporting node declares via `testedBy`, or the OAuth2
 * access-token check), applies defaults/expressions to the stored data, then sends the test
 * request through n8n-core's real RoutingNode on a temporary 'Temp-Node' (n8n-nodes-base.noOp).
 */
import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	ICredentialTestRequestData,
	IDataObject,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	ITaskDataConnections,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, UnexpectedError, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { NOOP_NODE_TYPE } from './builtin-nodes';
import { setupContainer } from './container';
import type { CredentialStore } from './credential-store';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { LoadedPackage } from './package-loader';
import { currentPackage } from './package-loader';

/** RESPONSE_ERROR_MESSAGES from packages/cli/src/constants.ts */
export const OAUTH2_CREDENTIAL_TEST_SUCCEEDED = 'Connection Successful!';
export const OAUTH2_CREDENTIAL_TEST_FAILED =
	'This OAuth2 credential was not connected to an account.';

const isObjectLiteral = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function hasAccessToken(credentialsDecrypted: ICredentialsDecrypted) {
	const oauthTokenData = credentialsDecrypted?.data?.oauthTokenData;
	if (!isObjectLiteral(oauthTokenData)) return false;
	return 'access_token' in oauthTokenData;
}

function getCredentialTestFunction(
	pkg: LoadedPackage,
	credentialType: string,
): ICredentialTestFunction | ICredentialTestRequestData | undefined {
	const { credentialTypes, nodeTypes } = pkg;
	const type = credentialTypes.getByName(credentialType);
	if (type.test) {
		return { testRequest: type.test };
	}

	for (const nodeName of credentialTypes.getSupportedNodes(credentialType)) {
		const node = nodeTypes.getByName(nodeName);
		const versioned = 'nodeVersions' in node;
		const allNodeTypes: INodeType[] = versioned ? Object.values(node.nodeVersions) : [node];

		for (const nodeType of allNodeTypes) {
			for (const { name, testedBy } of nodeType.description.credentials ?? []) {
				if (
					name === credentialType &&
					(credentialTypes.getParentTypes(name).includes('oAuth2Api') || name === 'oAuth2Api')
				) {
					return async function oauth2CredTest(
						this: ICredentialTestFunctions,
						cred: ICredentialsDecrypted,
					): Promise<INodeCredentialTestResult> {
						return hasAccessToken(cred)
							? { status: 'OK', message: OAUTH2_CREDENTIAL_TEST_SUCCEEDED }
							: { status: 'Error', message: OAUTH2_CREDENTIAL_TEST_FAILED };
					};
				}

				if (name === credentialType && !!testedBy) {
					if (typeof testedBy === 'string') {
						if (versioned) {
							const versions = Object.keys(node.nodeVersions).sort().reverse();
							for (const version of versions) {
								const credentialTest =
									node.nodeVersions[parseInt(version, 10)].methods?.credentialTest;
								if (credentialTest && testedBy in credentialTest) {
									return credentialTest[testedBy];
								}
							}
						}
						return (node as INodeType).methods?.credentialTest?.[testedBy];
					}

					return { nodeType, testRequest: testedBy };
				}
			}
		}
	}

	return undefined;
}

export interface TestCredentialOptions {
	store: CredentialStore;
	/** id of the stored credential to test */
	id: string;
	/** Package to use; default: the last `loadPackage()` result. */
	package?: LoadedPackage;
}

export async function testCredential(
	opts: TestCredentialOptions,
): Promise<INodeCredentialTestResult> {
	setupContainer();
	const pkg = opts.package ?? currentPackage();
	const stored = opts.store.get(opts.id);
	const credentialType = stored.type;
	const credentialsHelper = new HarnessCredentialsHelper(pkg.credentialTypes, opts.store);

	const credentialTestFunction = getCredentialTestFunction(pkg, credentialType);
	if (credentialTestFunction === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsDecrypted: ICredentialsDecrypted = {
		id: stored.id,
		name: stored.name,
		type: stored.type,
		data: stored.data,
	};

	const additionalData = createAdditionalData(credentialsHelper);
	try {
		credentialsDecrypted.data = await credentialsHelper.applyDefaultsAndOverwrites(
			additionalData,
			credentialsDecrypted.data!,
			credentialType,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message.toString() };
	}

	if (typeof credentialTestFunction === 'function') {
		const context = new CredentialTestContext();
		return await credentialTestFunction.call(context, credentialsDecrypted);
	}

	const nodeType: INodeType =
		credentialTestFunction.nodeType ?? pkg.nodeTypes.getByNameAndVersion(NOOP_NODE_TYPE);

	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: Array.isArray(nodeType.description.version)
			? nodeType.description.version.slice(-1)[0]
			: nodeType.description.version,
		position: [0, 0],
		credentials: {
			[credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};

	const nodeTypeCopy: INodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: credentialTestFunction.testRequest.request },
					default: '',
				},
			] as INodeProperties[],
		},
	};

	const tempNodeTypes: INodeTypes = {
		getKnownTypes: () => ({}),
		getByName: (name: string) => {
			if (name !== nodeTypeCopy.description.name) throw new UnexpectedError('Unknown node type');
			return nodeTypeCopy;
		},
		getByNameAndVersion: (name: string, version?: number) => {
			if (name !== nodeTypeCopy.description.name) throw new UnexpectedError('Unknown node type');
			return NodeHelpers.getVersionedNodeType(nodeTypeCopy, version);
		},
	};

	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: tempNodeTypes,
	});

	const mode = 'internal';
	const runIndex = 0;
	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const connectionInputData: INodeExecutionData[] = [];
	const runExecutionData = createRunExecutionData({ executionData: null });

	const executeData: IExecuteData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		mode,
		runExecutionData,
		runIndex,
		connectionInputData,
		inputData,
		executeData,
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (caught) {
		// As n8n's credential tester reads it: an Axios-like cause with a response or a network code.
		const error = caught as Error & {
			cause?: { response?: { status: number; statusText: string }; code?: string };
		};
		if (error.cause?.response) {
			const errorResponseData = {
				statusCode: error.cause.response.status,
				statusMessage: error.cause.response.statusText,
			};
			for (const rule of credentialTestFunction.testRequest.rules ?? []) {
				if (
					rule.type === 'responseCode' &&
					errorResponseData.statusCode === rule.properties.value
				) {
					return { status: 'Error', message: rule.properties.message };
				}
			}

			if (errorResponseData.statusCode < 199 || errorResponseData.statusCode > 299) {
				return {
					status: 'Error',
					message:
						errorResponseData.statusMessage ||
						`Received HTTP status code: ${errorResponseData.statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}

	const rules = credentialTestFunction.testRequest.rules;
	if (rules && Array.isArray(rules)) {
		for (const rule of rules) {
			if (rule.type === 'responseSuccessBody') {
				const responseData = response![0][0].json;
				if (getPath(responseData, rule.properties.key) === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
		}
	}

	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash.get for dotted paths */
function getPath(obj: unknown, key: string): unknown {
	return key
		.replace(/\[(\d+)\]/g, '.$1')
		.split('.')
		.reduce<unknown>((acc, part) => (acc == null ? undefined : (acc as IDataObject)[part]), obj);
}
