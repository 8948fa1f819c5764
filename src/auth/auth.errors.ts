import { defineErrors } from '../common/errors/app-error.js';

export const AuthErrors = defineErrors('AUTH', {
  MISSING_CREDENTIALS: [401, 'Authentication is required'],
  INVALID_TOKEN: [401, 'The access token is not valid'],
  TOKEN_EXPIRED: [401, 'The access token has expired; refresh it'],
  INVALID_CREDENTIALS: [401, 'The e-mail or the password is wrong'],
  INVALID_REFRESH_TOKEN: [401, 'The refresh token is not valid; sign in again'],
  INVALID_EMAIL_TOKEN: [400, 'The token is unknown, already used or expired'],
  LOCKED: [429, 'Too many failed sign-ins for this account; try again later'],
  FORBIDDEN: [403, 'Your role does not allow this'],
  EMAIL_NOT_VERIFIED: [403, 'Verify your e-mail address first'],
});
