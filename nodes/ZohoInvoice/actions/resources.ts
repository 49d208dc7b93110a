import { contact } from './contact';
import { creditNote } from './creditNote';
import { customerPayment } from './customerPayment';
import { estimate } from './estimate';
import { expense } from './expense';
import { invoice } from './invoice';
import { item } from './item';
import { project } from './project';
import { recurringInvoice } from './recurringInvoice';
import { user } from './user';

/** Every resource of the node except Custom API Call, in the order the Resource list shows. */
export const RESOURCES = [contact, creditNote, customerPayment, estimate, expense, invoice, item, project, recurringInvoice, user];
