import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export type CredentialUpdateKind = 'preAuthentication' | 'oauthTokenData' | 'update';

export interface CredentialUpdate {
	id: string;
	kind: CredentialUpdateKind;
	/** The full data that was persisted by this update (deep copy). */
	data: ICredentialDataDecryptedObject;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * In-memory stand-in for the credentials table. Data is kept "decrypted" (plain objects);
 * reads and writes are deep-copied so nodes cannot mutate what is stored by accident.
 */
export class CredentialStore {
	private readonly credentials = new Map<string, StoredCredential>();

	/** Every write made through the credentials helper, in order. */
	readonly updates: CredentialUpdate[] = [];

	add(credential: StoredCredential): void {
		this.credentials.set(credential.id, clone(credential));
	}

	has(id: string): boolean {
		return this.credentials.has(id);
	}

	/** Returns a copy of the stored credential; throws if the id is unknown. */
	get(id: string): StoredCredential {
		const credential = this.credentials.get(id);
		if (!credential) throw new Error(`Credential with ID "${id}" does not exist.`);
		return clone(credential);
	}

	/** Replace the stored data of a credential (used by the credentials helper). */
	setData(id: string, data: ICredentialDataDecryptedObject, kind: CredentialUpdateKind): void {
		const credential = this.credentials.get(id);
		if (!credential) throw new Error(`Credential with ID "${id}" does not exist.`);
		credential.data = clone(data);
		this.updates.push({ id, kind, data: clone(data) });
	}

	list(): StoredCredential[] {
		return [...this.credentials.values()].map(clone);
	}
}
