import { contact } from './contact';
import { creditNote } from './creditNote';
import { customerPayment } from './customerPayment';
import { estimate } from './estimate';
import { expense } from './expense';
import { invoice } from './invoice';
import { item } from './item';
import { project } from './project';
import { recurringInvoice } from './recurringInvoice';
import type { InvoiceResource } from './resourceBuilder/types';
import { user } from './user';

/** Checks at compile time that every resource is filed under its own value. */
function byValue<T extends { [K in keyof T]: InvoiceResource<K & string> }>(resources: T): T {
	return resources;
}

/** Every resource of the node except Custom API Call, by value, in the order the Resource list shows. */
export const RESOURCES_BY_VALUE = byValue({
	contact,
	creditNote,
	customerPayment,
	estimate,
	expense,
	invoice,
	item,
	project,
	recurringInvoice,
	user,
});

/** The same resources as a list. */
export const RESOURCES: readonly InvoiceResource[] = Object.values(RESOURCES_BY_VALUE);
