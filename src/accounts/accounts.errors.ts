import { defineErrors, registerConstraintErrors } from '../common/errors/app-error.js';

export const AccountErrors = defineErrors('ACCOUNT', {
  NOT_FOUND: [404, 'Account not found'],
  EMAIL_TAKEN: [409, 'An account with this e-mail already exists'],
  NOT_AN_ACCOUNT: [404, 'The admin token is not an account'],
});

registerConstraintErrors({
  uq_accounts_email: () => AccountErrors.EMAIL_TAKEN(),
});
