/**
 * The Zoho People node's resources and their operations, as saved workflows name them. The router's
 * table must have a handler for every pair (a missing one does not compile), and the Resource list
 * must name exactly these resources.
 */
export type PeopleNodeMap = {
	attendance: 'checkIn' | 'checkOut' | 'getEntries';
	customApiCall: 'request';
	employee: 'create' | 'get' | 'getAll' | 'update';
	form: 'getAll' | 'getFields';
	leave: 'apply' | 'getAll' | 'getTypes';
	record: 'get' | 'getAll' | 'insert' | 'update';
	timeLog: 'add' | 'getAll';
};
