import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

/** Raised when the environment cannot be turned into a valid configuration; its message names the variables. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// Explicit conversions: implicit conversion would turn "false" into true.
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};

/**
 * Every environment variable the application reads, with its rules. README's configuration table lists the same
 * names; a test checks that docker-compose.yml only sets variables declared here.
 */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @MinLength(1)
  HOST?: string;

  @IsOptional() @IsString() @MinLength(1)
  DATA_DIR?: string;

  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE?: number;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @IsString()
  CORS_ORIGINS?: string;

  @IsOptional() @Transform(toBool) @IsBoolean()
  TRUST_PROXY?: boolean;

  @IsOptional() @Transform(toBool) @IsBoolean()
  DEMO_DATA?: boolean;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(10_000_000)
  DEMO_DOCTORS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  RATE_LIMIT_AUTH?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  RATE_LIMIT_WRITE?: number;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  ADMIN_TOKEN?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(30) @Max(86_400)
  JWT_ACCESS_TTL_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(300) @Max(31_536_000)
  JWT_REFRESH_TTL_SECONDS?: number;

  @IsOptional() @Matches(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @IsOptional() @IsString() @MinLength(10, { message: 'must be at least 10 characters' }) @MaxLength(200)
  ADMIN_PASSWORD?: string;

  @IsOptional() @IsIn(['file', 'smtp'])
  MAIL_TRANSPORT?: 'file' | 'smtp';

  @IsOptional() @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional() @IsString() @MinLength(3)
  MAIL_FROM?: string;

  @IsOptional() @IsIn(['postgres', 'meilisearch'])
  SEARCH_ENGINE?: 'postgres' | 'meilisearch';

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  MEILISEARCH_URL?: string;

  @IsOptional() @IsString()
  MEILISEARCH_API_KEY?: string;

  @IsOptional() @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'must be 1-40 characters of a-z, 0-9, _ or -' })
  MEILISEARCH_INDEX_PREFIX?: string;

  @IsOptional() @Transform(toBool) @IsBoolean()
  SEARCH_SYNC_WORKER?: boolean;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(60_000)
  SEARCH_SYNC_INTERVAL_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10_000)
  SEARCH_SYNC_BATCH_SIZE?: number;

  @IsOptional() @Matches(/^\S+(\s+\S+){4,5}$/, { message: 'must be a cron expression of 5 or 6 fields, e.g. "17 3 * * *"' })
  RATINGS_RECOMPUTE_CRON?: string;
}

/** Variables whose values must never be echoed, even in an error message. */
const SECRET_NAMES = new Set(['DATABASE_URL', 'JWT_SECRET', 'ADMIN_TOKEN', 'ADMIN_PASSWORD', 'SMTP_URL', 'MEILISEARCH_API_KEY']);

function describeErrors(errors: ValidationError[], env: Record<string, unknown>): string[] {
  return errors.map((error) => {
    const messages = Object.values(error.constraints ?? {}).map((m) => m.replace(`${error.property} `, ''));
    const shown = SECRET_NAMES.has(error.property) ? 'value hidden' : `got ${JSON.stringify(env[error.property])}`;
    return `${error.property}: ${messages.join('; ')} (${shown})`;
  });
}

/** Names of all declared variables, read from the validation metadata so the list cannot drift from the class. */
export const ENV_NAMES: readonly string[] = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((metadata) => metadata.propertyName),
  ),
];

/** Validates and converts the raw environment. Empty strings count as unset, as in most deployment tools. */
export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const relevant: Record<string, string> = {};
  for (const name of ENV_NAMES) {
    const value = raw[name];
    if (value !== undefined && value !== '') relevant[name] = value;
  }
  const env = plainToInstance(EnvironmentVariables, relevant);
  const errors = validateSync(env, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${describeErrors(errors, relevant).join('\n  ')}`);
  }
  return env;
}
