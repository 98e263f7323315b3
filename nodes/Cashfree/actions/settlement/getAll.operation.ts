import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiVersion } from '../../transport';
import { requireApiVersion, type RunInfo } from '../common/apiVersion';
import type { FieldRules } from '../common/fields';
import type { CursorPaging } from '../common/listing';
import { refuseParameter } from '../common/refuse';
import { requestOperation, type ReadRequest } from '../common/requestOperation';
import { settlementWords } from './common';

/** Cashfree's page size is at most 1000; 200 keeps each answer small and the requests few. */
const PAGE_SIZE = 200;

/** The first API version whose Get All Settlements may be sent without filters. */
const UNFILTERED_SINCE: ApiVersion = '2026-01-01';

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description:
		'Settlement IDs, UTRs, or a start and an end date; with API version 2026-01-01 or later, none lists every settlement',
	options: [
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: 'Settlements up to this time',
		},
		{
			displayName: 'Settlement IDs',
			name: 'cfSettlementIds',
			type: 'string',
			default: '',
			placeholder: '4234233, 4234234',
			description: "Cashfree's cf_settlement_id values, separated by commas",
		},
		{
			displayName: 'Settlement UTRs',
			name: 'settlementUtrs',
			type: 'string',
			default: '',
			placeholder: 'UTR1234, UTR1235',
			description: 'The bank UTRs of the settlements, separated by commas',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: 'Settlements from this time',
		},
	],
};

const VALUE_PATTERN = {
	test: /^[A-Za-z0-9_-]{1,64}$/,
	rule: 'each 1 to 64 letters, digits, "-" or "_"',
};

const rules: FieldRules = {
	cfSettlementIds: { to: 'cf_settlement_ids', splitOn: ',', pattern: VALUE_PATTERN },
	settlementUtrs: { to: 'settlement_utrs', splitOn: ',', pattern: VALUE_PATTERN },
	startDate: { to: 'start_date' },
	endDate: { to: 'end_date' },
};

/**
 * Cashfree finds settlements by ids or UTRs, or by a date range with both ends. From
 * 2026-01-01 the filters may be left out (Go SDK v6's FetchSettlementsRequest has
 * `filters,omitempty`; 2025-01-01's schema requires them); a half range is still refused.
 */
function refineFilters(
	context: IExecuteFunctions,
	{ fields }: ReadRequest,
	itemIndex: number,
	run: RunInfo,
) {
	const byIds = Array.isArray(fields.cf_settlement_ids) || Array.isArray(fields.settlement_utrs);
	const byDates = fields.start_date !== undefined && fields.end_date !== undefined;
	const rule = 'Give Settlement IDs, Settlement UTRs, or both Start Date and End Date';
	const none = Object.keys(fields).length === 0;
	if (none)
		return requireApiVersion(
			context,
			'Get Many Settlements without filters',
			UNFILTERED_SINCE,
			run,
			itemIndex,
		);
	if (!byIds && !byDates)
		refuseParameter(
			context,
			'Filters',
			itemIndex,
			'no settlement IDs, UTRs or date range given',
			rule,
		);
	if (byDates && Date.parse(String(fields.start_date)) > Date.parse(String(fields.end_date))) {
		refuseParameter(context, 'Filters', itemIndex, 'Start Date is after End Date', rule);
	}
}

/**
 * Cashfree pages settlements with a cursor: `{ data: [...], cursor }`, null cursor on the last
 * page. Each page is a POST with its own body, so it gets its own derived idempotency key.
 */
const settlementPages: CursorPaging = {
	pageSize: PAGE_SIZE,
	noun: 'settlements',
	pageBody: (filters, cursor, size) => ({
		// No filters at all (2026-01-01 or later): left out, as the schema makes them optional.
		...(Object.keys(filters).length > 0 ? { filters } : {}),
		// The first page has no cursor: left out, as Cashfree's schema types cursor as a string.
		pagination: { limit: size, ...(cursor === undefined ? {} : { cursor }) },
	}),
	listField: 'data',
	cursorField: 'cursor',
};

export const getAll = requestOperation({
	resource: 'settlement',
	operation: 'getAll',
	about: settlementWords,
	// A search, though Cashfree takes it as a POST: it changes nothing, so no Idempotency Key field.
	method: 'POST',
	changesState: false,
	ids: [],
	path: () => '/settlements',
	fields: [filters],
	rules,
	list: settlementPages,
	refine: refineFilters,
});
