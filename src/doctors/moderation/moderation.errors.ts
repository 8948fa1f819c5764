import { defineErrors } from '../../common/errors/app-error.js';

export const ModerationErrors = defineErrors('MODERATION', {
  CONFLICT_NOT_FOUND: [404, 'Conflict not found'],
  MERGE_CANDIDATE_NOT_FOUND: [404, 'Possible duplicate not found'],
  ALREADY_RESOLVED: [409, 'This item was already resolved'],
  DIFFERENT_NPIS: [409, 'Profiles with different NPIs are different people'],
  DIFFERENT_OWNERS: [409, 'Both profiles are owned, by different accounts: one person has one profile, so one of the claims is wrong'],
});
