/**
 * The Zoho Bookings node's resources and their operations, as saved workflows name them. The
 * router's table must have a handler for every pair (a missing one does not compile), and the
 * Resource list must name exactly these resources.
 */
export type BookingsNodeMap = {
	appointment: 'book' | 'cancel' | 'get' | 'getAll' | 'markCompleted' | 'markNoShow' | 'reschedule';
	availability: 'getSlots';
	customApiCall: 'request';
	resource: 'getAll';
	service: 'getAll';
	staff: 'getAll';
	workspace: 'getAll';
};
