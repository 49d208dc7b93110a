import { appointment } from './appointment';
import { availability } from './availability';
import { resource, service, staff, workspace } from './catalog';

/** Every resource of the Bookings node except Custom API Call. */
export const RESOURCES = { appointment, availability, resource, service, staff, workspace };
