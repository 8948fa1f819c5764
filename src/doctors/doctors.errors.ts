import { defineErrors, registerConstraintErrors } from '../common/errors/app-error.js';

export const DoctorErrors = defineErrors('DOCTOR', {
  NOT_FOUND: [404, 'Doctor not found'],
  NPI_TAKEN: [409, 'Another profile already has this NPI'],
  UNKNOWN_SPECIALTY: [400, 'Unknown specialty'],
  INVALID_PROFILE: [400, 'The profile is not valid'],
  STALE_VERSION: [412, 'The profile was changed by someone else; GET it again and retry'],
  FORBIDDEN_FIELDS: [400, 'Your role may not set these fields'],
  NOT_ALLOWED: [403, 'You may not change this profile'],
});

registerConstraintErrors({
  uq_doctors_npi: () => DoctorErrors.NPI_TAKEN(),
});
