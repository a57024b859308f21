/** Shapes of the Xero Accounting API (developer.xero.com/documentation/api/accounting) and of Xero Projects. */
export interface XeroValidationError {
	Message?: string;
}

export interface XeroAddress {
	AddressType?: 'POBOX' | 'STREET' | 'DELIVERY';
	AddressLine1?: string;
	AddressLine2?: string;
	City?: string;
	Region?: string;
	PostalCode?: string;
	Country?: string;
}

export interface XeroPhone {
	PhoneType?: 'DEFAULT' | 'DDI' | 'MOBILE' | 'FAX';
	PhoneNumber?: string;
	PhoneAreaCode?: string;
	PhoneCountryCode?: string;
}

export interface XeroContact {
	ContactID?: string;
	ContactNumber?: string;
	AccountNumber?: string;
	ContactStatus?: 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';
	Name?: string;
	EmailAddress?: string;
	TaxNumber?: string;
	DefaultCurrency?: string;
	Website?: string;
	Addresses?: XeroAddress[];
	Phones?: XeroPhone[];
	IsCustomer?: boolean;
	UpdatedDateUTC?: string;
	HasValidationErrors?: boolean;
	StatusAttributeString?: string;
	ValidationErrors?: XeroValidationError[];
}

export interface XeroLineItem {
	LineItemID?: string;
	Description?: string;
	Quantity?: number;
	UnitAmount?: number;
	LineAmount?: number;
	AccountCode?: string;
	ItemCode?: string;
	TaxType?: string;
	TaxAmount?: number;
}

export type XeroInvoiceStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';

export interface XeroInvoice {
	InvoiceID?: string;
	InvoiceNumber?: string;
	Type?: 'ACCREC' | 'ACCPAY';
	Reference?: string;
	Contact?: { ContactID?: string; Name?: string };
	Date?: string;
	DueDate?: string;
	Status?: XeroInvoiceStatus;
	LineAmountTypes?: 'Exclusive' | 'Inclusive' | 'NoTax';
	LineItems?: XeroLineItem[];
	SubTotal?: number;
	TotalTax?: number;
	Total?: number;
	AmountDue?: number;
	AmountPaid?: number;
	AmountCredited?: number;
	CurrencyCode?: string;
	UpdatedDateUTC?: string;
	HasErrors?: boolean;
	StatusAttributeString?: string;
	ValidationErrors?: XeroValidationError[];
}

export interface XeroPayment {
	PaymentID?: string;
	Invoice?: { InvoiceID?: string; InvoiceNumber?: string; Contact?: { ContactID?: string }; CurrencyCode?: string };
	Account?: { AccountID?: string; Code?: string };
	Date?: string;
	Amount?: number;
	Reference?: string;
	Status?: 'AUTHORISED' | 'DELETED';
	PaymentType?: string;
	UpdatedDateUTC?: string;
	StatusAttributeString?: string;
	ValidationErrors?: XeroValidationError[];
}

export interface XeroHistoryRecord {
	Changes?: string;
	DateUTC?: string;
	User?: string;
	Details?: string;
}

/** A project of the Xero Projects API (camelCase, unlike the Accounting API). */
export interface XeroProject {
	projectId: string;
	contactId?: string;
	name: string;
	currencyCode?: string;
	minutesLogged?: number;
	estimate?: { currency?: string; value?: number };
	deadlineUtc?: string;
	status?: 'INPROGRESS' | 'CLOSED';
}
