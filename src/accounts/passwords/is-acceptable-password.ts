import { registerDecorator } from 'class-validator';
import { passwordProblems } from './password-policy.js';

/** A string that passes the password policy; the message says which rule failed. */
export function IsAcceptablePassword(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ value }) => `password ${typeof value === 'string' ? (passwordProblems(value)[0] ?? '') : 'must be a string'}`,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && passwordProblems(value).length === 0 },
    });
}
