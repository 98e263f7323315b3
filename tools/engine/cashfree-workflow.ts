import type { INode, INodeParameters } from 'n8n-workflow';

export interface CashfreeWorkflowOptions {
	credentials: INode['credentials'];
	/** Node parameters on top of "cancel the link in `$json.link_id`". */
	parameters?: INodeParameters;
	nodeName?: string;
	/** The node setting On Error → Continue (Continue On Fail). */
	continueOnFail?: boolean;
	packageName?: string;
}

/** A one-node workflow as n8n stores it: the Cashfree node cancelling `$json.link_id`. */
export function cashfreeWorkflow({
	credentials,
	parameters = {},
	nodeName = 'Cashfree',
	continueOnFail = false,
	packageName = 'n8n-nodes-cashfree',
}: CashfreeWorkflowOptions) {
	const node: INode = {
		id: 'b3c0a0c8-5f2e-4d3b-9f4e-0c0ffee00001',
		name: nodeName,
		type: `${packageName}.cashfree`,
		typeVersion: 1,
		position: [400, 300],
		parameters: {
			resource: 'paymentLink',
			operation: 'cancel',
			linkId: '={{ $json.link_id }}',
			...parameters,
		},
		credentials,
		...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	return { name: `${nodeName} workflow`, nodes: [node], connections: {} };
}
