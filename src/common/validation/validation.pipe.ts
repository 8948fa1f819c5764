import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonErrors, type FieldErrors } from '../errors/app-error.js';

/** Flattens class-validator's nested errors into `{ "locations.0.city": ["..."] }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      result[path] = Object.entries(error.constraints).map(([name, message]) =>
        // forbidNonWhitelisted says "property x should not exist"; say why instead.
        name === 'whitelistValidation' ? 'is not an accepted field here' : message,
      );
    }
    if (error.children?.length) Object.assign(result, flattenValidationErrors(error.children, path));
  }
  return result;
}

/**
 * Unknown fields are refused, not dropped; values are converted only where a DTO says how (`@Type`, `@Transform`),
 * never implicitly ("false" would become true).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      const names = Object.keys(fields);
      return CommonErrors.VALIDATION_FAILED(`Invalid field${names.length === 1 ? '' : 's'}: ${names.join(', ')}`, { errors: fields });
    },
  });
}
