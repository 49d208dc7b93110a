/**
 * In-process n8n workflow test harness: runs this package's nodes inside a real n8n-core
 * WorkflowExecute with n8n's real request helpers, against whatever HTTP server the test starts.
 *
 *   const pkg = loadPackage();                    // dist/ via package.json "n8n" (+ oAuth2Api)
 *   const store = new CredentialStore();
 *   store.add({ id: '1', name: 'Zoho', type: 'zohoRegionalOAuth2Api', data: {...} });
 *   const { output, error } = await runNode({
 *     nodeType: 'zohoInvoice', parameters: {...},
 *     credentials: { zohoRegionalOAuth2Api: { id: '1', name: 'Zoho' } }, store,
 *   });
 *   store.get('1').data; store.updates;           // what n8n would have persisted
 *   await testCredential({ store, id: '1' });     // like the editor's "Test" button
 *
 * Nodes are registered as `<package name>.<description.name>` (e.g.
 * `n8n-nodes-zoho-regional.zohoInvoice`); runNode also accepts the short name.
 * runNode/testCredential use `opts.package` or else the most recent loadPackage() result.
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
export { runPoll, staticDataOf } from './run-poll';
export type { RunPollOptions, RunPollResult } from './run-poll';
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
export { listSearch, loadOptions } from './load-options';
