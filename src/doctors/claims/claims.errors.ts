import { defineErrors, registerConstraintErrors } from '../../common/errors/app-error.js';

export const ClaimErrors = defineErrors('CLAIM', {
  NOT_FOUND: [404, 'Claim not found'],
  ALREADY_OWNED: [409, 'This profile already has an owner'],
  ALREADY_OWNER: [409, 'This account already owns a profile'],
  DUPLICATE: [409, 'You already have a pending claim on this profile'],
  ALREADY_DECIDED: [409, 'This claim was already decided'],
});

registerConstraintErrors({
  uq_doctor_claims_pending: () => ClaimErrors.DUPLICATE(),
  uq_doctors_owner_account: () => ClaimErrors.ALREADY_OWNER(),
});
