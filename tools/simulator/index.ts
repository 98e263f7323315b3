export { CashfreeSimulator } from './server';
export { PAYOUTS_API_VERSION, PayoutsAccount } from './payouts';
export type {
	PayoutEvent,
	PayoutsOptions,
	SecondFactor,
	StoredBeneficiary,
	StoredTransfer,
	TransferStatus,
} from './payouts';
export { DEMO_LINKS, seedDemoLinks } from './demo-links';
export { signWebhook } from './webhooks';
export {
	PayoutWebhooks,
	TRANSFER_WEBHOOK_TYPES,
	payoutWebhookFor,
	transferWebhookTypeFor,
} from './payout-webhooks';
export type {
	PayoutBatch,
	PayoutTransfer,
	PayoutWebhookEvent,
	PayoutWebhookOptions,
	PayoutWebhookType,
	TransferWebhookType,
} from './payout-webhooks';
export { CASHFREE_PRODUCTION_RATE_LIMITS, CASHFREE_SANDBOX_RATE_LIMITS } from './rate-limit';
export {
	DISPUTE_STAGES,
	DISPUTE_TYPES,
	LINK_STATUSES,
	ORDER_STATUSES,
	SIMULATED_PAYMENT_STATUSES,
	SUPPORTED_API_VERSIONS,
} from './types';
export type {
	ApiVersion,
	CustomerDetails,
	DisputeEvidenceRequest,
	DisputeStage,
	DisputeStatus,
	DisputeType,
	EndpointGroup,
	EndpointRateLimits,
	ErrorBody,
	ErrorType,
	Fault,
	FaultRule,
	LinkEntity,
	LinkMeta,
	LinkNotify,
	LinkStatus,
	OpenDisputeOptions,
	OrderMeta,
	OrderStatus,
	PaymentErrorDetails,
	PaymentLinkOrder,
	PaymentStatus,
	RecordedRequest,
	RefundSpeed,
	RefundStatus,
	SeedLink,
	SeedOrder,
	SimulatedPaymentStatus,
	SimulatorOptions,
	StoredDispute,
	StoredLink,
	StoredOrder,
	StoredPayment,
	StoredRefund,
	StoredSettlement,
	StoredSimulation,
	VendorSplit,
} from './types';
export type {
	SignedEvent,
	WebhookDelivery,
	WebhookFault,
	WebhookFaultKind,
	WebhookOptions,
	WebhookVersion,
} from './webhooks';
export type { WebhookType } from './webhook-payloads';
