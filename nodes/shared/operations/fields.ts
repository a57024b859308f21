import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** A canonical field a user can fill in the node's field editor. */
export interface FieldSpec {
	/** Canonical field path (dotted for nested fields: `billingAddress.city`). */
	path: string;
	label: string;
	kind: 'string' | 'number' | 'boolean' | 'date' | 'money' | 'options' | 'stringList';
	choices?: Array<{ name: string; value: string }>;
	hint?: string;
	/** A `methods.listSearch` function that lists valid values (stages, owners). */
	listSearch?: string;
}

/** The field editor: one collection holding the entity's canonical fields. */
export function fieldCollection(fields: FieldSpec[], required: string[] = []): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const name of required) {
		const field = fields.find((candidate) => candidate.path === name)!;
		properties.push({ ...toProperty(field), required: true, displayOptions: { show: { inputMode: ['fields'] } } });
	}
	properties.push({
		displayName: 'Fields',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { inputMode: ['fields'] } },
		options: fields
			.filter((field) => !required.includes(field.path))
			.map(toProperty)
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	});
	return properties;
}

function parameterName(field: FieldSpec): string {
	return field.path.replace(/\.(\w)/g, (_match, letter: string) => letter.toUpperCase());
}

function toProperty(field: FieldSpec): INodeProperties {
	const base = { displayName: field.label, name: parameterName(field), description: field.hint };
	if (field.listSearch) return pickerProperty(base, field.listSearch);
	switch (field.kind) {
		case 'number':
			return { ...base, type: 'number', default: 0 };
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'date':
			return { ...base, type: 'string', default: '', placeholder: '2026-01-31' };
		case 'money':
			return { ...base, type: 'string', default: '', placeholder: '1250.00 USD', description: field.hint ?? 'Decimal amount and ISO 4217 currency code, e.g. 1250.00 USD' };
		case 'options':
			return { ...base, type: 'options', options: field.choices ?? [], default: field.choices?.[0]?.value ?? '' };
		case 'stringList':
			return { ...base, type: 'string', default: '', description: field.hint ?? 'Comma-separated values' };
		default:
			return { ...base, type: 'string', default: '' };
	}
}

/** A resource locator: pick from a searchable list, or type an id. */
export function pickerProperty(base: { displayName: string; name: string; description?: string }, searchListMethod: string): INodeProperties {
	return {
		...base,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: `ID of the ${base.displayName.toLowerCase()} in the chosen system` },
		],
	};
}

/** A resource locator's value, or the plain value of any other parameter. */
export function pickedValue(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) return (value as IDataObject).value;
	if (value && typeof value === 'object' && 'mode' in (value as IDataObject) && 'value' in (value as IDataObject)) return (value as IDataObject).value;
	return value;
}

function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let current = target;
	for (const key of keys.slice(0, -1)) {
		current[key] = (current[key] as IDataObject | undefined) ?? {};
		current = current[key] as IDataObject;
	}
	current[keys[keys.length - 1]] = value as IDataObject[string];
}

/**
 * Turns the field editor's values into a canonical record shape. Money is entered as
 * "1250.00 USD" and kept as a decimal string here; the schema check turns it into minor units.
 */
export function recordFromFields(fields: FieldSpec[], values: IDataObject): IDataObject {
	const record: IDataObject = {};
	for (const field of fields) {
		const value = pickedValue(values[parameterName(field)]);
		if (value === undefined || value === '') continue;
		if (field.kind === 'money') {
			const match = /^\s*(-?[\d,]*\.?\d*)\s*([A-Za-z]{3})\s*$/.exec(String(value));
			setPath(record, field.path, match ? { amount: match[1], currency: match[2].toUpperCase() } : { amount: String(value) });
		} else if (field.kind === 'stringList') {
			setPath(record, field.path, String(value).split(',').map((part) => part.trim()).filter(Boolean));
		} else {
			setPath(record, field.path, value);
		}
	}
	return record;
}
