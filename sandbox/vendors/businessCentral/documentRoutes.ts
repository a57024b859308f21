import type { SandboxRequest, SandboxResponse } from '../../core/http';
import type { BusinessCentralFake } from './index';
import { COMPANY, type Replies } from './routes';
import { BC_TAX_RATES, fromCents, toCents, type Row } from './store';

type On = (method: string, template: string, handler: (request: SandboxRequest, params: Record<string, string>) => SandboxResponse | Promise<SandboxResponse>) => void;

const INVOICE_FIELDS = ['number', 'externalDocumentNumber', 'invoiceDate', 'postingDate', 'dueDate', 'customerPurchaseOrderReference', 'customerId', 'customerNumber', 'billToCustomerId', 'billToCustomerNumber', 'currencyId', 'currencyCode', 'paymentTermsId', 'shipmentMethodId', 'salesperson', 'discountAmount', 'phoneNumber', 'email', 'salesInvoiceLines'];
const INVOICE_READ_ONLY = ['id', 'status', 'customerName', 'totalAmountExcludingTax', 'totalTaxAmount', 'totalAmountIncludingTax', 'remainingAmount', 'lastModifiedDateTime', 'pricesIncludeTax', 'orderId', 'orderNumber'];
const INVOICE_FILTERABLE = [...INVOICE_FIELDS.filter((field) => field !== 'salesInvoiceLines'), ...INVOICE_READ_ONLY];
const LINE_FIELDS = ['sequence', 'itemId', 'accountId', 'lineType', 'lineObjectNumber', 'description', 'unitOfMeasureId', 'unitOfMeasureCode', 'unitPrice', 'quantity', 'discountAmount', 'discountPercent', 'taxCode', 'shipmentDate'];
const PAYMENT_FIELDS = ['journalId', 'journalDisplayName', 'lineNumber', 'customerId', 'customerNumber', 'postingDate', 'documentNumber', 'externalDocumentNumber', 'amount', 'appliesToInvoiceId', 'appliesToInvoiceNumber', 'description', 'comment'];
const POSTED = ['Open', 'Paid', 'Corrective', 'Canceled'];

export function registerDocumentRoutes(fake: BusinessCentralFake, replies: Replies, on: On): void {
	const store = fake.store;
	const invoiceOf = (id: string) => store.invoices.get(id.toLowerCase());
	const withLines = (request: SandboxRequest, invoice: Row): Row => (/salesInvoiceLines/.test(request.query.get('$expand') ?? '') ? store.invoiceWithLines(invoice) : invoice);

	/** Lines as BC validates them: an existing G/L account or item for priced lines, a known tax group. */
	function checkLines(lines: unknown): { lines: Array<Record<string, unknown>> } | { error: SandboxResponse } {
		if (lines === undefined) return { lines: [] };
		if (!Array.isArray(lines)) return { error: replies.badRequest('Invalid Request Body: salesInvoiceLines must be an array.') };
		const checked: Array<Record<string, unknown>> = [];
		for (const line of lines) {
			const input = replies.writable(line, LINE_FIELDS, ['id', 'documentId']);
			if ('error' in input) return input;
			const values: Record<string, unknown> = { lineType: 'Comment', quantity: 0, unitPrice: 0, description: '', ...input.values };
			const objectNumber = String(values.lineObjectNumber ?? '');
			if (values.lineType === 'Account' && !store.accounts.some((account) => account.number === objectNumber && account.directPosting === true)) {
				return { error: replies.badRequest(`The field No. of table Sales Line contains a value (${objectNumber}) that cannot be found in the related table (G/L Account).`, 'Internal_InvalidTableRelation') };
			}
			if (values.lineType === 'Item' && !store.items.some((item) => item.number === objectNumber)) {
				return { error: replies.badRequest(`The field No. of table Sales Line contains a value (${objectNumber}) that cannot be found in the related table (Item).`, 'Internal_InvalidTableRelation') };
			}
			if (!['Comment', 'Account', 'Item'].includes(String(values.lineType))) return { error: replies.badRequest(`'${String(values.lineType)}' is not an option. The existing options are: Comment,Account,Item`, 'Application_EvaluateException') };
			if (values.taxCode !== undefined && values.taxCode !== '' && BC_TAX_RATES[String(values.taxCode)] === undefined) {
				return { error: replies.badRequest(`The field Tax Group Code of table Sales Line contains a value (${String(values.taxCode)}) that cannot be found in the related table (Tax Group).`, 'Internal_InvalidTableRelation') };
			}
			checked.push(values);
		}
		return { lines: checked };
	}

	on('GET', `${COMPANY}/salesInvoices`, (request) => {
		const response = replies.collection(request, [...store.invoices.values()], INVOICE_FILTERABLE);
		const body = response.body as { value?: Row[] } | undefined;
		if (response.status === 200 && body?.value) body.value = body.value.map((invoice) => withLines(request, invoice));
		return response;
	});
	on('GET', `${COMPANY}/salesInvoices(:id)`, (request, params) => {
		const invoice = invoiceOf(params.id);
		return invoice ? replies.entity(request, withLines(request, invoice)) : replies.notFound('Sales Invoice');
	});

	// Deep insert: the header with its salesInvoiceLines in one POST, created together or not at all.
	on('POST', `${COMPANY}/salesInvoices`, (request) => {
		const input = replies.writable(request.body, INVOICE_FIELDS, INVOICE_READ_ONLY);
		if ('error' in input) return input.error;
		const values = input.values;
		const customer = values.customerId
			? store.customers.get(String(values.customerId).toLowerCase())
			: [...store.customers.values()].find((candidate) => candidate.number === String(values.customerNumber ?? '').toUpperCase());
		if (!values.customerId && !values.customerNumber) return replies.badRequest('A customerNumber or a customerID must be provided.', 'Application_DialogException');
		if (!customer) return replies.badRequest(`The "${values.customerId ? 'customerId' : 'customerNumber'}" does not match to a Customer.`, 'Application_DialogException');
		if (customer.blocked === 'All') return replies.badRequest(`You cannot create this type of document when Customer ${String(customer.number)} is blocked with type All`, 'Application_DialogException');
		const invalidCurrency = replies.currency(values.currencyCode ?? customer.currencyCode, 'Sales Header');
		if (invalidCurrency) return invalidCurrency;
		const reference = String(values.externalDocumentNumber ?? '');
		if (reference.length > 35) return replies.badRequest(`The length of the string is ${reference.length}, but it must be less than or equal to 35 characters. Value: ${reference}`, 'Application_StringExceededLength');
		const lines = checkLines(values.salesInvoiceLines);
		if ('error' in lines) return lines.error;
		const invoiceDate = String(values.invoiceDate ?? new Date().toISOString().slice(0, 10));
		const invoice: Row = {
			id: store.newId('salesInvoice'),
			number: store.nextDraftNumber(),
			externalDocumentNumber: reference,
			invoiceDate,
			postingDate: values.postingDate ?? invoiceDate,
			// Payment terms: 30 days net when no due date is given.
			dueDate: values.dueDate ?? new Date(Date.parse(`${invoiceDate}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10),
			customerId: customer.id,
			customerNumber: customer.number,
			customerName: customer.displayName,
			currencyCode: values.currencyCode ?? customer.currencyCode ?? '',
			status: 'Draft',
		};
		store.insertInvoice(invoice, lines.lines);
		return replies.entity(request, withLines(request, invoice), 201);
	});

	on('PATCH', `${COMPANY}/salesInvoices(:id)`, (request, params) => {
		const invoice = invoiceOf(params.id);
		if (!invoice) return replies.notFound('Sales Invoice');
		const refused = replies.concurrency(request, invoice);
		if (refused) return refused;
		if (invoice.status !== 'Draft') return replies.badRequest('You cannot change a posted sales invoice.', 'Application_DialogException');
		const input = replies.writable(request.body, INVOICE_FIELDS.filter((field) => field !== 'salesInvoiceLines'), INVOICE_READ_ONLY);
		if ('error' in input) return input.error;
		const invalidCurrency = replies.currency(input.values.currencyCode, 'Sales Header');
		if (invalidCurrency) return invalidCurrency;
		Object.assign(invoice, input.values);
		store.recalculate(invoice);
		return replies.entity(request, withLines(request, invoice));
	});

	on('DELETE', `${COMPANY}/salesInvoices(:id)`, (request, params) => {
		const invoice = invoiceOf(params.id);
		if (!invoice) return replies.notFound('Sales Invoice');
		const refused = replies.concurrency(request, invoice);
		if (refused) return refused;
		if (invoice.status !== 'Draft') return replies.badRequest('You cannot delete a posted sales invoice.', 'Application_DialogException');
		store.invoices.delete(invoice.id);
		store.invoiceLines.delete(invoice.id);
		return { status: 204 };
	});

	on('GET', `${COMPANY}/salesInvoices(:id)/salesInvoiceLines`, (request, params) => {
		const invoice = invoiceOf(params.id);
		return invoice ? replies.collection(request, store.invoiceLines.get(invoice.id) ?? [], ['id', 'documentId', 'sequence', ...LINE_FIELDS]) : replies.notFound('Sales Invoice');
	});
	on('POST', `${COMPANY}/salesInvoices(:id)/salesInvoiceLines`, (request, params) => {
		const invoice = invoiceOf(params.id);
		if (!invoice) return replies.notFound('Sales Invoice');
		if (invoice.status !== 'Draft') return replies.badRequest('You cannot add lines to a posted sales invoice.', 'Application_DialogException');
		const checked = checkLines([request.body]);
		if ('error' in checked) return checked.error;
		const existing = store.invoiceLines.get(invoice.id) ?? [];
		const line = { ...checked.lines[0], id: store.newId('salesInvoiceLine'), documentId: invoice.id, sequence: checked.lines[0].sequence ?? (existing.length + 1) * 10000 } as Row;
		store.invoiceLines.set(invoice.id, [...existing, line]);
		store.recalculate(invoice);
		return replies.entity(request, line, 201);
	});

	// Bound actions answer 204 No Content (resources/dynamics_salesinvoice, "Bound actions").
	on('POST', `${COMPANY}/salesInvoices(:id)/Microsoft.NAV.post`, (_request, params) => {
		const invoice = invoiceOf(params.id);
		if (!invoice) return replies.notFound('Sales Invoice');
		if (invoice.status !== 'Draft') return replies.badRequest(`Sales invoice ${String(invoice.number)} is already posted.`, 'Application_DialogException');
		const lines = store.invoiceLines.get(invoice.id) ?? [];
		if (!lines.some((line) => line.lineType !== 'Comment' && Number(line.quantity) !== 0)) return replies.badRequest('There is nothing to post.', 'Application_DialogException');
		invoice.number = store.nextPostedNumber();
		invoice.status = 'Open';
		invoice.postingDate = invoice.invoiceDate;
		invoice.remainingAmount = invoice.totalAmountIncludingTax;
		store.touch(invoice);
		return { status: 204 };
	});
	on('POST', `${COMPANY}/salesInvoices(:id)/Microsoft.NAV.cancel`, (_request, params) => {
		const invoice = invoiceOf(params.id);
		if (!invoice) return replies.notFound('Sales Invoice');
		if (invoice.status === 'Draft' || invoice.status === 'In Review') return replies.badRequest('The invoice is not posted.', 'Application_DialogException');
		if (invoice.status === 'Canceled' || invoice.status === 'Corrective') return replies.badRequest(`Sales invoice ${String(invoice.number)} is already canceled.`, 'Application_DialogException');
		if (toCents(invoice.remainingAmount) !== toCents(invoice.totalAmountIncludingTax)) {
			return replies.badRequest(`You cannot cancel posted sales invoice ${String(invoice.number)} because it is fully or partially paid.`, 'Application_DialogException');
		}
		invoice.status = 'Canceled';
		invoice.remainingAmount = 0;
		store.touch(invoice);
		return { status: 204 };
	});

	const journalOf = (id: string) => store.paymentJournals.get(id.toLowerCase());
	on('GET', `${COMPANY}/customerPaymentJournals`, (request) => replies.collection(request, [...store.paymentJournals.values()], ['id', 'code', 'displayName', 'balancingAccountId', 'balancingAccountNumber', 'lastModifiedDateTime']));
	on('GET', `${COMPANY}/customerPaymentJournals(:journalId)`, (request, params) => {
		const journal = journalOf(params.journalId);
		return journal ? replies.entity(request, journal) : replies.notFound('Gen. Journal Batch');
	});

	const paymentFilterable = ['id', ...PAYMENT_FIELDS, 'lastModifiedDateTime'];
	on('GET', `${COMPANY}/customerPaymentJournals(:journalId)/customerPayments`, (request, params) => {
		const journal = journalOf(params.journalId);
		if (!journal) return replies.notFound('Gen. Journal Batch');
		return replies.collection(request, [...store.payments.values()], paymentFilterable, (payment) => payment.journalId === journal.id);
	});
	// Company-level lines need a journal filter: the page refuses to list every journal's lines.
	on('GET', `${COMPANY}/customerPayments`, (request) => {
		if (!/\bjournalId\s+eq\s/.test(request.query.get('$filter') ?? '')) {
			return replies.badRequest('You must specify a journal batch ID or a journal ID to get a journal line.', 'Application_DialogException');
		}
		return replies.collection(request, [...store.payments.values()], paymentFilterable);
	});
	on('GET', `${COMPANY}/customerPayments(:id)`, (request, params) => {
		const payment = store.payments.get(params.id.toLowerCase());
		return payment ? replies.entity(request, payment) : replies.notFound('Gen. Journal Line');
	});

	on('POST', `${COMPANY}/customerPaymentJournals(:journalId)/customerPayments`, (request, params) => {
		const journal = journalOf(params.journalId);
		if (!journal) return replies.notFound('Gen. Journal Batch');
		const input = replies.writable(request.body, PAYMENT_FIELDS, ['id', 'lastModifiedDateTime']);
		if ('error' in input) return input.error;
		const values = input.values;
		let customer = values.customerId ? store.customers.get(String(values.customerId).toLowerCase()) : undefined;
		if (values.customerId && !customer) return replies.badRequest('The "customerId" does not match to a Customer.', 'Application_DialogException');
		let invoiceNumber = '';
		if (values.appliesToInvoiceId) {
			const invoice = invoiceOf(String(values.appliesToInvoiceId));
			if (!invoice || !POSTED.includes(String(invoice.status))) {
				return replies.badRequest('The "appliesToInvoiceId" should be the ID of an Open, Paid, Corrective, or Canceled Invoice.', 'Application_DialogException');
			}
			customer ??= store.customers.get(String(invoice.customerId));
			invoiceNumber = String(invoice.number);
		}
		const siblings = [...store.payments.values()].filter((payment) => payment.journalId === journal.id);
		const payment: Row = {
			id: store.newId('customerPayment'),
			journalId: journal.id,
			journalDisplayName: journal.code,
			lineNumber: (siblings.length + 1) * 10000,
			customerId: customer?.id ?? '00000000-0000-0000-0000-000000000000',
			customerNumber: customer?.number ?? '',
			postingDate: new Date().toISOString().slice(0, 10),
			documentNumber: store.nextDocumentNumber(),
			externalDocumentNumber: '',
			amount: 0,
			appliesToInvoiceId: '00000000-0000-0000-0000-000000000000',
			appliesToInvoiceNumber: invoiceNumber,
			description: '',
			comment: '',
			...values,
		};
		payment.amount = fromCents(toCents(payment.amount));
		store.payments.set(payment.id, store.touch(payment));
		return replies.entity(request, payment, 201);
	});
	on('DELETE', `${COMPANY}/customerPayments(:id)`, (request, params) => {
		const payment = store.payments.get(params.id.toLowerCase());
		if (!payment) return replies.notFound('Gen. Journal Line');
		const refused = replies.concurrency(request, payment);
		if (refused) return refused;
		store.payments.delete(payment.id);
		return { status: 204 };
	});

	// journals(<batch id>)/Microsoft.NAV.post finds any journal batch by its id and posts all its lines (APIV2 - Journals).
	on('POST', `${COMPANY}/journals(:journalId)/Microsoft.NAV.post`, (_request, params) => {
		const journal = journalOf(params.journalId);
		if (!journal) return fake.error(400, 'Application_DialogException', `The General Journal Batch with ID ${params.journalId} cannot be found.`);
		const lines = [...store.payments.values()].filter((payment) => payment.journalId === journal.id);
		if (lines.length === 0) return replies.badRequest('There is nothing to post.', 'Application_DialogException');
		if (!journal.balancingAccountNumber) {
			return replies.badRequest(`Bal. Account No. must have a value in Gen. Journal Line: Journal Template Name=CASHRCPT, Journal Batch Name=${String(journal.code)}, Line No.=${String(lines[0].lineNumber)}. It cannot be zero or empty.`, 'Application_FieldValidationException');
		}
		for (const line of lines) {
			const invoice = invoiceOf(String(line.appliesToInvoiceId));
			// A customer payment is a credit: applied to an invoice it must be negative.
			if (invoice && toCents(line.amount) >= 0) {
				return replies.badRequest(`Amount must be negative in Gen. Journal Line: Journal Template Name=CASHRCPT, Journal Batch Name=${String(journal.code)}, Line No.=${String(line.lineNumber)}.`, 'Application_FieldValidationException');
			}
		}
		for (const line of lines) {
			const invoice = invoiceOf(String(line.appliesToInvoiceId));
			if (invoice && invoice.status === 'Open') store.applyPayment(invoice, -toCents(line.amount), String(line.postingDate), String(line.externalDocumentNumber ?? ''));
			store.payments.delete(line.id);
		}
		return { status: 204 };
	});
}
