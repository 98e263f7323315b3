import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runChosenOperation, type CashfreeOperation } from '../../Cashfree/actions/runOperation';
import { payouts } from '../../Cashfree/transport';
import { operations as batchTransfer } from './batchTransfer/BatchTransfer.resource';
import { operations as beneficiary } from './beneficiary/Beneficiary.resource';
import { operations as transfer } from './transfer/Transfer.resource';

/** resource → operation → implementation, for the Payouts product. */
export const operationsByResource: Record<string, Record<string, CashfreeOperation>> = {
	transfer,
	batchTransfer,
	beneficiary,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [await runChosenOperation(this, operationsByResource, payouts)];
}
