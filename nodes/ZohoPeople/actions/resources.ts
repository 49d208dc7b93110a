import { attendance } from './attendance';
import { employee } from './employee';
import { form } from './form';
import { leave } from './leave';
import { record } from './record';
import { timeLog } from './timeLog';

/** Every resource of the People node except Custom API Call. */
export const RESOURCES = { attendance, employee, form, leave, record, timeLog };
