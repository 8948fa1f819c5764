import { defineErrors } from '../common/errors/app-error.js';

export const AuthErrors = defineErrors('AUTH', {
  MISSING_CREDENTIALS: [401, 'Authentication is required'],
  INVALID_TOKEN: [401, 'The access token is not valid'],
  FORBIDDEN: [403, 'Your role does not allow this'],
});
