export { CashfreeSimulator } from './server';
export { DEMO_LINKS, seedDemoLinks } from './demo-links';
export { LINK_STATUSES, SUPPORTED_API_VERSIONS } from './types';
export type {
	ApiVersion,
	CustomerDetails,
	ErrorBody,
	ErrorType,
	Fault,
	FaultRule,
	LinkEntity,
	LinkMeta,
	LinkNotify,
	LinkStatus,
	OrderMeta,
	PaymentLinkOrder,
	RecordedRequest,
	SeedLink,
	SimulatorOptions,
	StoredLink,
	VendorSplit,
} from './types';
