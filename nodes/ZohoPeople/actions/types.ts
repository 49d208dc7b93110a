import type { OperationDefinition } from '../../shared/operations';
import type { PeopleSession } from '../transport';

/** One operation of a Zoho People resource: its option, its fields and its code. */
export type PeopleOperation = OperationDefinition<PeopleSession>;
