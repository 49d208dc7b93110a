/**
 * In-memory node / credential type registries: the harness's equivalent of the CLI's
 * `NodeTypes` and `CredentialTypes` services (packages/cli/src/node-types.ts,
 * packages/cli/src/credential-types.ts).
 */
import type {
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

export class HarnessNodeTypes implements INodeTypes {
	readonly types = new Map<string, INodeType | IVersionedNodeType>();

	add(fullName: string, type: INodeType | IVersionedNodeType): void {
		this.types.set(fullName, type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new UnexpectedError(`Unknown node type: ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const name of this.types.keys()) known[name] = { className: name, sourcePath: '' };
		return known;
	}
}

export class HarnessCredentialTypes implements ICredentialTypes {
	readonly types = new Map<string, ICredentialType>();

	/** credential type name -> full node type names whose description lists it */
	readonly supportedNodes = new Map<string, string[]>();

	add(type: ICredentialType): void {
		this.types.set(type.name, type);
	}

	recognizes(credentialType: string): boolean {
		return this.types.has(credentialType);
	}

	getByName(credentialType: string): ICredentialType {
		const type = this.types.get(credentialType);
		if (!type) throw new UnexpectedError(`Unknown credential type: ${credentialType}`);
		return type;
	}

	getSupportedNodes(type: string): string[] {
		return this.supportedNodes.get(type) ?? [];
	}

	/** All ancestors, walking `extends` recursively (same as the CLI's CredentialTypes). */
	getParentTypes(typeName: string): string[] {
		const extendsArr = this.getByName(typeName).extends ?? [];
		const result: string[] = [];
		for (const parent of extendsArr) {
			result.push(parent);
			if (this.recognizes(parent)) result.push(...this.getParentTypes(parent));
		}
		return result;
	}
}
