import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from '../../config/configuration.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The request id: the caller's X-Request-Id when it is safe to echo, else a new UUID. Also stored on the raw
 * request so pino-http logs the same id that problem documents carry.
 */
export function requestIdOf(raw: IncomingMessage): string {
  const existing = (raw as IncomingMessage & { id?: string }).id;
  if (existing) return existing;
  const header = raw.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

/**
 * JSON logs with pino. The API logs to stdout; CLI commands log to stderr so stdout carries only their results.
 * Credentials are redacted and bodies are never logged (they hold review text and passwords).
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const destination = pino.destination({ fd: config.role === 'cli' ? 2 : 1, sync: config.role === 'cli' });
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              genReqId: (req) => requestIdOf(req),
              redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'], censor: '[redacted]' },
              customProps: () => ({ service: 'docfinder' }),
              autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
            },
            destination,
          ],
        }),
      ],
    };
  }
}
