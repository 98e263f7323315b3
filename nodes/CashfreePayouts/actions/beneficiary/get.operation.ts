import { requestOperation } from '../../../Cashfree/actions/common/requestOperation';
import { beneficiaryWords } from '../common';
import { beneficiaryByIdPath, beneficiaryId } from './common';

/** Get Beneficiary V2 (GET /beneficiary?beneficiary_id=…). */
export const get = requestOperation({
	resource: 'beneficiary',
	operation: 'get',
	about: beneficiaryWords,
	method: 'GET',
	ids: [beneficiaryId],
	path: beneficiaryByIdPath,
});
