/**
 * In-process n8n workflow test harness: runs this package's nodes inside a real n8n-core
 * WorkflowExecute with n8n's real request helpers, against whatever HTTP server the test starts.
 */
export { CredentialStore } from './credential-store';
export type { StoredCredential, CredentialUpdate, CredentialUpdateKind } from './credential-store';
export {
	HarnessCredentialsHelper,
	CredentialMissingIdError,
	CredentialNotFoundError,
} from './credentials-helper';
export { loadPackage, currentPackage, resolveNodeTypeName } from './package-loader';
export type { LoadPackageOptions, LoadedPackage } from './package-loader';
export { runNode } from './run-node';
export type { RunNodeOptions, RunNodeResult } from './run-node';
export {
	testCredential,
	OAUTH2_CREDENTIAL_TEST_FAILED,
	OAUTH2_CREDENTIAL_TEST_SUCCEEDED,
} from './test-credential';
export type { TestCredentialOptions } from './test-credential';
export { OAuth2Api } from './oAuth2Api';
export { HarnessNodeTypes, HarnessCredentialTypes } from './types';
export { HARNESS_START_NODE_TYPE, NOOP_NODE_TYPE } from './builtin-nodes';
export { createAdditionalData, HARNESS_BASE_URL } from './additional-data';
export { setupContainer, harnessLogs } from './container';
