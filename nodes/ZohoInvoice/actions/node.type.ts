/**
 * The Zoho Invoice node's resources and their operations, as saved workflows name them. The
 * router's table must have a handler for every pair (a missing one does not compile), and the
 * Resource list must name exactly these resources.
 */
type Crud = 'create' | 'delete' | 'get' | 'getAll' | 'update';

export type InvoiceNodeMap = {
	contact: Crud | 'markActive' | 'markInactive';
	creditNote: Crud | 'applyToInvoices';
	customApiCall: 'request';
	customerPayment: Crud;
	estimate: Crud | 'email' | 'markAccepted' | 'markDeclined' | 'markSent';
	expense: Crud;
	invoice: Crud | 'downloadPdf' | 'email' | 'markDraft' | 'markSent' | 'void';
	item: Crud | 'markActive' | 'markInactive';
	project: Crud;
	recurringInvoice: Crud | 'resume' | 'stop';
	user: 'get' | 'getAll';
};
