import type { OperationDefinition } from '../../shared/operations';
import type { BookingsSession } from '../transport';

/** One operation of a Zoho Bookings resource: its option, its fields and its code. */
export type BookingsOperation = OperationDefinition<BookingsSession>;
