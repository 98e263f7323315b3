import type { INode, INodeParameters } from 'n8n-workflow';

export interface CashfreeWorkflowOptions {
	credentials: INode['credentials'];
	/** Node parameters on top of "cancel the link in `$json.link_id`". */
	parameters?: INodeParameters;
	nodeName?: string;
	/** The node setting On Error → Continue (Continue On Fail). */
	continueOnFail?: boolean;
	packageName?: string;
	/** The node type within the package; `cashfree` (the default) cancels `$json.link_id` unless told otherwise. */
	nodeType?: 'cashfree' | 'cashfreePayouts';
}

/** A one-node workflow as n8n stores it: by default the Cashfree node cancelling `$json.link_id`. */
export function cashfreeWorkflow({
	credentials,
	parameters = {},
	nodeName = 'Cashfree',
	continueOnFail = false,
	packageName = 'n8n-nodes-cashfree',
	nodeType = 'cashfree',
}: CashfreeWorkflowOptions) {
	const defaults =
		nodeType === 'cashfree'
			? { resource: 'paymentLink', operation: 'cancel', linkId: '={{ $json.link_id }}' }
			: {};
	const node: INode = {
		id: 'b3c0a0c8-5f2e-4d3b-9f4e-0c0ffee00001',
		name: nodeName,
		type: `${packageName}.${nodeType}`,
		typeVersion: 1,
		position: [400, 300],
		parameters: { ...defaults, ...parameters },
		credentials,
		...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	return { name: `${nodeName} workflow`, nodes: [node], connections: {} };
}
