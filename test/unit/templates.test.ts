/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The workflow templates in templates/: n8n's own workflow validator (@n8n/workflow-sdk, the
 * version n8n 2.40.7 ships) finds no errors, and the pack's conventions hold: sticky notes, no
 * credential ids, meaningful node names, and pack nodes that use systems the pack registers.
 *
 * The validator gets a node-types provider built from the pack's own node classes. n8n-nodes-base
 * is not a dependency of the pack, so the core nodes the templates use are described by stubs
 * (name, versions, inputs, outputs, default name): their parameters are checked by the real n8n
 * that imports and runs every template in test/e2e/templates.test.ts.
 */
import { validateWorkflow } from '@n8n/workflow-sdk';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, INodeProperties, INodeType, INodeTypes } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { crmSystems } from '../../nodes/Crm/systems';
import { erpSystems } from '../../nodes/Erp/systems';
import { hrisSystems } from '../../nodes/Hris/systems';
import { psaSystems } from '../../nodes/Psa/systems';
import type { SystemDefinition } from '../../nodes/shared/node/types';

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = 'n8n-nodes-project-to-cash';
const TEMPLATE_FILES = ['opportunity-to-project.json', 'time-to-invoice.json', 'collections.json'];

interface TemplateNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: IDataObject;
	credentials?: Record<string, IDataObject>;
}
interface Template {
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
	settings?: IDataObject;
}

/** Every node class of the pack, loaded from its source, by its type name as a community install names it. */
function packNodeTypes(): Map<string, INodeType> {
	const types = new Map<string, INodeType>();
	const nodesDir = path.join(ROOT, 'nodes');
	for (const folder of fs.readdirSync(nodesDir)) {
		const dir = path.join(nodesDir, folder);
		if (!fs.statSync(dir).isDirectory()) continue;
		for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.node.ts'))) {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const module = require(path.join(dir, file)) as Record<string, new () => INodeType>;
			for (const NodeClass of Object.values(module)) {
				const instance = new NodeClass();
				types.set(`${PACKAGE}.${instance.description.name}`, instance);
			}
		}
	}
	return types;
}

/** The core nodes the templates use: name, versions, ports and default name (see the file comment). */
const CORE_NODES: Record<string, { versions: number[]; inputs: number; outputs: number; defaultName: string; trigger?: boolean }> = {
	'n8n-nodes-base.manualTrigger': { versions: [1], inputs: 0, outputs: 1, defaultName: "When clicking 'Execute workflow'", trigger: true },
	'n8n-nodes-base.scheduleTrigger': { versions: [1, 1.1, 1.2, 1.3, 1.4], inputs: 0, outputs: 1, defaultName: 'Schedule Trigger', trigger: true },
	'n8n-nodes-base.set': { versions: [3, 3.1, 3.2, 3.3, 3.4], inputs: 1, outputs: 1, defaultName: 'Edit Fields' },
	'n8n-nodes-base.code': { versions: [1, 2], inputs: 1, outputs: 1, defaultName: 'Code' },
	'n8n-nodes-base.if': { versions: [2, 2.1, 2.2], inputs: 1, outputs: 2, defaultName: 'If' },
	'n8n-nodes-base.filter': { versions: [2, 2.1, 2.2], inputs: 1, outputs: 1, defaultName: 'Filter' },
	'n8n-nodes-base.merge': { versions: [3, 3.1, 3.2], inputs: 2, outputs: 1, defaultName: 'Merge' },
	'n8n-nodes-base.httpRequest': { versions: [4, 4.1, 4.2], inputs: 1, outputs: 1, defaultName: 'HTTP Request' },
	'n8n-nodes-base.stickyNote': { versions: [1], inputs: 0, outputs: 0, defaultName: 'Sticky Note' },
	'n8n-nodes-base.dataTable': { versions: [1, 1.1], inputs: 1, outputs: 1, defaultName: 'Data table' },
	'n8n-nodes-base.splitOut': { versions: [1], inputs: 1, outputs: 1, defaultName: 'Split Out' },
	'n8n-nodes-base.removeDuplicates': { versions: [1, 1.1, 2], inputs: 1, outputs: 1, defaultName: 'Remove Duplicates' },
};

function coreNodeType(type: string, spec: (typeof CORE_NODES)[string]): INodeType {
	const main = (count: number) => Array.from({ length: count }, () => NodeConnectionTypes.Main);
	return {
		description: {
			displayName: spec.defaultName,
			name: type.split('.')[1],
			group: spec.trigger ? ['trigger'] : ['transform'],
			version: spec.versions,
			description: `stub of ${type}`,
			defaults: { name: spec.defaultName },
			inputs: main(spec.inputs),
			outputs: main(spec.outputs),
			properties: [],
		},
	} as unknown as INodeType;
}

function nodeTypesProvider(pack: Map<string, INodeType>): INodeTypes {
	const lookup = (type: string): INodeType => {
		const found = pack.get(type);
		if (found) return found;
		const core = CORE_NODES[type];
		if (core) return coreNodeType(type, core);
		throw new Error(`unknown node type ${type}`);
	};
	return {
		getByName: (type: string) => lookup(type),
		getByNameAndVersion: (type: string, version?: number) => {
			const nodeType = lookup(type);
			const versions = ([] as number[]).concat(nodeType.description.version);
			if (version !== undefined && !versions.includes(version)) throw new Error(`${type} has no version ${version}`);
			return nodeType;
		},
		getKnownTypes: () => Object.fromEntries([...pack.keys(), ...Object.keys(CORE_NODES)].map((type) => [type, { className: type, sourcePath: '' }])),
	} as unknown as INodeTypes;
}

const packTypes = packNodeTypes();
const provider = nodeTypesProvider(packTypes);
const templates: Array<[string, Template]> = TEMPLATE_FILES.map((file) => [file, JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', file), 'utf8')) as Template]);

const SYSTEMS: Record<string, Array<SystemDefinition<unknown>>> = {
	crm: crmSystems as Array<SystemDefinition<unknown>>,
	crmTrigger: crmSystems as Array<SystemDefinition<unknown>>,
	psa: psaSystems as Array<SystemDefinition<unknown>>,
	psaTrigger: psaSystems as Array<SystemDefinition<unknown>>,
	erp: erpSystems as Array<SystemDefinition<unknown>>,
	erpTrigger: erpSystems as Array<SystemDefinition<unknown>>,
	hris: hrisSystems as Array<SystemDefinition<unknown>>,
	hrisTrigger: hrisSystems as Array<SystemDefinition<unknown>>,
};

describe.each(templates)('template %s', (_file, template) => {
	const workNodes = template.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');

	it('passes n8n\'s workflow validator with no errors and no warnings', () => {
		const result = validateWorkflow(template as never, { nodeTypesProvider: provider });
		expect(result.errors.map((error) => `${error.code}: ${error.message}`)).toEqual([]);
		expect(result.warnings.filter((warning) => warning.severity !== 'informational').map((warning) => `${warning.code}: ${warning.message}`)).toEqual([]);
		expect(result.valid).toBe(true);
	});

	it('uses node types and versions that exist, with unique names and ids, and runs in v1 order', () => {
		for (const node of template.nodes) expect(() => provider.getByNameAndVersion(node.type, node.typeVersion)).not.toThrow();
		expect(new Set(template.nodes.map((node) => node.name)).size).toBe(template.nodes.length);
		expect(new Set(template.nodes.map((node) => node.id)).size).toBe(template.nodes.length);
		expect(template.settings?.executionOrder).toBe('v1');
	});

	it('connects only nodes that exist, and every node that is not a trigger has an input', () => {
		const names = new Set(template.nodes.map((node) => node.name));
		const fed = new Set<string>();
		for (const [from, outputs] of Object.entries(template.connections)) {
			expect(names.has(from)).toBe(true);
			for (const connection of outputs.main.flat()) {
				expect(names.has(connection.node)).toBe(true);
				fed.add(connection.node);
			}
		}
		const triggers = workNodes.filter((node) => /trigger$/i.test(node.type));
		expect(triggers.length).toBeGreaterThanOrEqual(2);
		expect(triggers.some((node) => node.type === 'n8n-nodes-base.manualTrigger')).toBe(true);
		expect(workNodes.filter((node) => !triggers.includes(node) && !fed.has(node.name)).map((node) => node.name)).toEqual([]);
	});

	it('explains its set-up in sticky notes', () => {
		const notes = template.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').map((node) => String(node.parameters.content));
		expect(notes.length).toBeGreaterThanOrEqual(3);
		expect(notes.join('\n')).toMatch(/## Set-up/);
		expect(notes.join('\n')).toMatch(/Policy/);
	});

	it('refers to credentials by type and placeholder name only, never by id', () => {
		const referenced = workNodes.flatMap((node) => Object.values(node.credentials ?? {}));
		expect(referenced.length).toBeGreaterThan(0);
		for (const credential of referenced) {
			expect(Object.keys(credential)).toEqual(['name']);
			expect(String(credential.name).length).toBeGreaterThan(0);
		}
		expect(JSON.stringify(template)).not.toMatch(/"id"\s*:\s*"p2cSbx/);
	});

	it('gives every node a meaningful name, not the default one', () => {
		for (const node of template.nodes) {
			const defaults = provider.getByNameAndVersion(node.type, node.typeVersion).description.defaults.name ?? '';
			expect(node.name).not.toMatch(new RegExp(`^${defaults.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\d*$`));
			expect(node.name).not.toMatch(/^(Code|Set|If|Merge|Filter|Node)\s*\d*$/i);
		}
	});

	it('uses systems, authentications, credentials and parameters the pack registers', () => {
		for (const node of workNodes.filter((candidate) => candidate.type.startsWith(`${PACKAGE}.`))) {
			const nodeType = packTypes.get(node.type)!;
			const known = new Set(nodeType.description.properties.map((property: INodeProperties) => property.name));
			// n8n adds pollTimes to polling triggers.
			if (nodeType.description.polling) known.add('pollTimes');
			expect({ node: node.name, unknown: Object.keys(node.parameters).filter((name) => !known.has(name)) }).toEqual({ node: node.name, unknown: [] });
			const systems = SYSTEMS[nodeType.description.name];
			if (!systems) continue;
			const system = systems.find((candidate) => candidate.key === node.parameters.system);
			expect({ node: node.name, system: system?.key }).toEqual({ node: node.name, system: node.parameters.system });
			const credential = system!.credentials.find((candidate) => candidate.authentication === node.parameters[`${system!.key}Authentication`]);
			expect(credential).toBeDefined();
			expect(Object.keys(node.credentials ?? {})).toEqual([credential!.credentialType]);
		}
	});

	it('has Code nodes whose JavaScript parses', () => {
		const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => unknown;
		for (const node of workNodes.filter((candidate) => candidate.type === 'n8n-nodes-base.code')) {
			expect(() => new AsyncFunction('$input', '$json', '$', '$now', 'DateTime', '$execution', String(node.parameters.jsCode))).not.toThrow();
		}
	});

	it('carries no currency-exponent table of its own: money is the pack\'s (nodes/shared/canonical/money.ts)', () => {
		// A table of minor-unit exponents shows as currency codes mapped to 0 or 3 (e.g. JPY: 0, KWD: 3), in code or in a parameter.
		const table = /\b(?:JPY|KRW|ISK|CLP|VND|BHD|JOD|KWD|OMR|TND)\b['"]?\s*:\s*[0-3]\b/;
		for (const node of workNodes) expect({ node: node.name, table: table.test(JSON.stringify(node.parameters).replace(/\\"/g, '"')) }).toEqual({ node: node.name, table: false });
	});

	it('ships with HubSpot, Harvest, Xero and BambooHR chosen', () => {
		const chosen = new Set(workNodes.map((node) => node.parameters.system).filter(Boolean));
		for (const system of chosen) expect(['hubspot', 'harvest', 'xero', 'bamboohr']).toContain(system);
	});
});

/** Lines of Code-node JavaScript that are not blank and not `//` comments, as the before-stop hook counts them. */
function codeLines(template: Template): number {
	return template.nodes
		.filter((node) => node.type === 'n8n-nodes-base.code')
		.reduce((sum, node) => sum + String(node.parameters.jsCode ?? '').split('\n').filter((line) => line.trim() !== '' && !/^\s*\/\//.test(line)).length, 0);
}

describe('the templates together', () => {
	it('hold at most 40 lines of Code-node JavaScript: the business rules are Process Rules operations, Code nodes only glue', () => {
		const counts = Object.fromEntries(templates.map(([file, template]) => [file, codeLines(template)]));
		const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
		expect(total <= 40 ? 'at most 40' : `${total} lines: ${JSON.stringify(counts)}`).toBe('at most 40');
	});

	it('counts Code-node lines as the hook does: blank lines and // comments are not code', () => {
		const code = (jsCode: string): Template => ({ name: 't', nodes: [{ id: '1', name: 'Glue', type: 'n8n-nodes-base.code', typeVersion: 2, position: [0, 0], parameters: { jsCode } }], connections: {} });
		expect(codeLines(code('// why\n\nconst a = 1;\n  // more\nreturn [{ json: { a } }];\n'))).toBe(2);
		expect(codeLines({ ...code(''), nodes: [] })).toBe(0);
	});
});
