/**
 * The `type` of each Payouts webhook. Cashfree's "Webhooks Version V2" page (Payouts API
 * reference, x-api-version 2024-01-01) lists the transfer events and BULK_TRANSFER_REJECTED with
 * their JSON bodies; its Payouts webhook list (the V1 page and the product guide) also names
 * CREDIT_CONFIRMATION, LOW_BALANCE_ALERT and BENEFICIARY_INCIDENT, whose V2 bodies it does not show.
 */
export const TRANSFER_OUTCOME_EVENTS = [
	'TRANSFER_SUCCESS',
	'TRANSFER_FAILED',
	'TRANSFER_REVERSED',
	'TRANSFER_REJECTED',
] as const;

export const BATCH_EVENTS = ['BULK_TRANSFER_REJECTED'] as const;

/**
 * Selected unless the user chooses otherwise: what settles a transfer, or refuses part of a
 * batch, which a workflow writing each transfer's status back needs. TRANSFER_ACKNOWLEDGED (a
 * second message about a transfer in progress) and the account events are opt-in: a workflow
 * written for "a transfer ended" should not also run for them.
 */
export const DEFAULT_PAYOUT_EVENTS: string[] = [...TRANSFER_OUTCOME_EVENTS, ...BATCH_EVENTS];
