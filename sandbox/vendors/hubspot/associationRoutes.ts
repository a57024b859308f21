import { json } from '../../core/http';
import { batchAnswer, checkBatch } from './batchRoutes';
import type { HubSpotFake } from './index';
import { DEAL_STAGES } from './store';

/** When the account's default deal pipeline was set up (the seeded firm's). */
const PIPELINE_CREATED_AT = '2019-03-04T09:00:00.000Z';

/** CRM v4 associations, deal pipelines and owners. */
export function registerAssociationRoutes(fake: HubSpotFake): void {
	const router = fake.router;
	router.on('GET', '/crm/v4/objects/:fromType/:id/associations/:toType', (_request, params) => {
		const fromType = fake.objectType(params.fromType);
		const toType = fake.objectType(params.toType);
		if (!fromType || !toType) return fake.error(400, 'VALIDATION_ERROR', 'Unknown object type');
		if (!fake.store.objects[fromType].has(params.id)) return fake.notFoundObject(params.id);
		const results = fake.store.associationsOf(fromType, params.id, toType).map((link) => ({
			toObjectId: Number(link.toId),
			associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: link.typeId, label: null }],
		}));
		return json(200, { results });
	});

	router.on('POST', '/crm/v4/associations/:fromType/:toType/batch/read', (request, params) => {
		const fromType = fake.objectType(params.fromType);
		const toType = fake.objectType(params.toType);
		if (!fromType || !toType) return fake.error(400, 'VALIDATION_ERROR', 'Unknown object type');
		const body = (request.body ?? {}) as { inputs?: Array<{ id: string }> };
		const tooMany = checkBatch(fake, body.inputs, 1000);
		if (tooMany) return tooMany;
		const results = body.inputs!
			.filter((input) => fake.store.objects[fromType].has(String(input.id)))
			.map((input) => ({
				from: { id: String(input.id) },
				to: fake.store.associationsOf(fromType, String(input.id), toType).map((link) => ({
					toObjectId: Number(link.toId),
					associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: link.typeId, label: null }],
				})),
			}));
		return batchAnswer(results, []);
	});

	router.on('PUT', '/crm/v4/objects/:fromType/:fromId/associations/default/:toType/:toId', (_request, params) => {
		const fromType = fake.objectType(params.fromType);
		const toType = fake.objectType(params.toType);
		if (!fromType || !toType) return fake.error(400, 'VALIDATION_ERROR', 'Unknown object type');
		if (!fake.store.objects[fromType].has(params.fromId)) return fake.notFoundObject(params.fromId);
		if (!fake.store.objects[toType].has(params.toId)) return fake.notFoundObject(params.toId);
		fake.store.associate(fromType, params.fromId, toType, params.toId);
		return json(200, { status: 'COMPLETE', results: [{ from: { id: params.fromId }, to: { id: params.toId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: fake.store.associationsOf(fromType, params.fromId, toType).find((link) => link.toId === params.toId)?.typeId } }] });
	});

	// Pipelines and their stages always carry createdAt/updatedAt (developers.hubspot.com/docs/api/crm/pipelines).
	router.on('GET', '/crm/v3/pipelines/:objectType', (_request, params) => {
		if (params.objectType !== 'deals') return json(200, { results: [] });
		const created = PIPELINE_CREATED_AT;
		return json(200, {
			results: [
				{
					id: 'default',
					label: 'Sales Pipeline',
					displayOrder: 0,
					createdAt: created,
					updatedAt: created,
					archived: false,
					stages: DEAL_STAGES.map((stage, index) => ({
						id: stage.id,
						label: stage.label,
						displayOrder: index,
						createdAt: created,
						updatedAt: created,
						archived: false,
						writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
						metadata: { isClosed: String(stage.isClosed), probability: String(stage.probability) },
					})),
				},
			],
		});
	});

	router.on('GET', '/crm/v3/owners', (request) => {
		const email = request.query.get('email');
		const owners = fake.store.owners.filter((owner) => !email || owner.email === email);
		const limit = Math.min(Number(request.query.get('limit') ?? 100), 500);
		const after = Number(request.query.get('after') ?? 0) || 0;
		const page = owners.slice(after, after + limit);
		return json(200, { results: page, ...(after + limit < owners.length ? { paging: { next: { after: String(after + limit) } } } : {}) });
	});}
