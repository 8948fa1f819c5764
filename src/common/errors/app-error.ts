/** One field's messages in a validation problem, keyed by the field's path (`locations.0.city`). */
export type FieldErrors = Record<string, string[]>;

/**
 * The only error services throw. `code` is stable (clients may switch on it); the global filter turns it into
 * application/problem+json with `status` and `title`.
 */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  get detail(): string {
    return this.message;
  }
}

type ErrorDefinitions = Record<string, readonly [status: number, title: string]>;
type ErrorFactories<T extends ErrorDefinitions> = {
  readonly [K in keyof T]: (detail?: string, extensions?: Record<string, unknown>) => AppError;
};

/**
 * Declares a feature's errors in one place: `DoctorErrors.NOT_FOUND('No doctor 42')` has code `DOCTOR.NOT_FOUND`.
 * The table is also the registry the OpenAPI document and tests read.
 */
export function defineErrors<const T extends ErrorDefinitions>(prefix: string, definitions: T): ErrorFactories<T> {
  const factories: Record<string, (detail?: string, extensions?: Record<string, unknown>) => AppError> = {};
  for (const [name, [status, title]] of Object.entries(definitions)) {
    const code = `${prefix}.${name}`;
    factories[name] = (detail, extensions) => new AppError(code, status, title, detail, extensions);
  }
  return factories as ErrorFactories<T>;
}

/** Errors that are not specific to one feature. */
export const CommonErrors = defineErrors('REQUEST', {
  VALIDATION_FAILED: [400, 'The request is not valid'],
  MALFORMED_BODY: [400, 'The request body could not be parsed'],
  INVALID_CURSOR: [400, 'The pagination cursor is not valid'],
  UNAUTHENTICATED: [401, 'Authentication is required'],
  FORBIDDEN: [403, 'You are not allowed to do this'],
  NOT_FOUND: [404, 'Not found'],
  METHOD_NOT_ALLOWED: [405, 'Method not allowed'],
  NOT_ACCEPTABLE: [406, 'Not acceptable'],
  CONFLICT: [409, 'The request conflicts with the current state'],
  PRECONDITION_FAILED: [412, 'The resource was changed by someone else'],
  TOO_LARGE: [413, 'The request body is too large'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Unsupported media type'],
  PRECONDITION_REQUIRED: [428, 'This request must be conditional (If-Match)'],
  RATE_LIMITED: [429, 'Too many requests'],
  INTERNAL: [500, 'Internal server error'],
  UNAVAILABLE: [503, 'Service unavailable'],
});

/** Named unique/foreign-key constraints → the error a client sees; features register theirs at module load. */
const constraintErrors = new Map<string, () => AppError>();

export function registerConstraintErrors(entries: Record<string, () => AppError>): void {
  for (const [constraint, factory] of Object.entries(entries)) constraintErrors.set(constraint, factory);
}

export function errorForConstraint(constraint: string | undefined): AppError | undefined {
  return constraint ? constraintErrors.get(constraint)?.() : undefined;
}
