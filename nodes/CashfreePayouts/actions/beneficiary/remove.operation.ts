import { requestOperation } from '../../../Cashfree/actions/common/requestOperation';
import { beneficiaryWords } from '../common';
import { beneficiaryByIdPath, beneficiaryId } from './common';

/** Remove Beneficiary V2 (DELETE /beneficiary?beneficiary_id=…): answers the removed beneficiary. */
export const remove = requestOperation({
	resource: 'beneficiary',
	operation: 'remove',
	about: beneficiaryWords,
	method: 'DELETE',
	ids: [beneficiaryId],
	path: beneficiaryByIdPath,
	carriedOut: {
		singular: 'beneficiary',
		plural: 'beneficiaries',
		verb: 'removed',
		id: (request) => request.ids[0],
	},
});
