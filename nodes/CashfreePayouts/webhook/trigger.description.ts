import type { INodeProperties } from 'n8n-workflow';

import {
	toleranceProperty,
	verifySignaturesProperty,
} from '../../Cashfree/webhook/trigger.description';

/**
 * The Cashfree Payouts Trigger's fields. Verify Signatures and the tolerance are the Payment
 * Gateway trigger's own (the same signature rule); the events and notices are Payouts'. The
 * defaults are written out for n8n's lint; Cashfree/webhook/settings.ts reads and checks them.
 */
export const payoutsTriggerProperties: INodeProperties[] = [
	{
		displayName:
			"Paste this node's webhook URL in the Cashfree Merchant Dashboard under Payouts → Developers → Webhooks, with webhook version V2 (V1 deliveries are form fields signed another way and are refused). Cashfree has no API to register it.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [
			'TRANSFER_SUCCESS',
			'TRANSFER_FAILED',
			'TRANSFER_REVERSED',
			'TRANSFER_REJECTED',
			'BULK_TRANSFER_REJECTED',
		],
		description:
			'The webhook types that start the workflow; other deliveries are answered 200 and start nothing',
		options: [
			{
				name: '* (Every Event, Including Types Added Later)',
				value: '*',
			},
			{
				name: 'Account: Credit Confirmation',
				value: 'CREDIT_CONFIRMATION',
				description:
					'CREDIT_CONFIRMATION: money was added to your Payouts balance (no V2 body documented)',
			},
			{
				name: 'Account: Low Balance',
				value: 'LOW_BALANCE_ALERT',
				description:
					'LOW_BALANCE_ALERT: your Payouts balance fell below its alert level (no V2 body documented)',
			},
			{
				name: 'Batch Transfer: Rejected',
				value: 'BULK_TRANSFER_REJECTED',
				description: 'BULK_TRANSFER_REJECTED: some or all transfers of a batch were rejected',
			},
			{
				name: 'Beneficiary: Incident',
				value: 'BENEFICIARY_INCIDENT',
				description:
					'BENEFICIARY_INCIDENT: a bank incident affecting beneficiaries began or ended (no V2 body documented)',
			},
			{
				name: 'Transfer: Acknowledged',
				value: 'TRANSFER_ACKNOWLEDGED',
				description:
					'TRANSFER_ACKNOWLEDGED: a bank confirmed the transfer while it settles; TRANSFER_SUCCESS says it is done',
			},
			{
				name: 'Transfer: Failed',
				value: 'TRANSFER_FAILED',
				description: 'TRANSFER_FAILED: the attempt to pay the beneficiary failed',
			},
			{
				name: 'Transfer: Rejected',
				value: 'TRANSFER_REJECTED',
				description: 'TRANSFER_REJECTED: Cashfree refused the transfer request',
			},
			{
				name: 'Transfer: Reversed',
				value: 'TRANSFER_REVERSED',
				description: "TRANSFER_REVERSED: the beneficiary's bank returned a transfer it had taken",
			},
			{
				name: 'Transfer: Success',
				value: 'TRANSFER_SUCCESS',
				description: "TRANSFER_SUCCESS: the money reached the beneficiary's account",
			},
		],
	},
	verifySignaturesProperty,
	{
		displayName:
			'Signatures are not checked: anyone who knows or guesses this URL can start the workflow with any transfer outcome they make up, and a workflow that records payouts would believe it. Use this only to look at test deliveries.',
		name: 'verificationOffNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { verifySignatures: [false] } },
	},
	toleranceProperty,
];
