import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppError, CommonErrors, errorForConstraint } from './app-error.js';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  [extension: string]: unknown;
}

const GENERIC_BY_STATUS: Record<number, () => AppError> = {
  400: () => CommonErrors.VALIDATION_FAILED(),
  401: () => CommonErrors.UNAUTHENTICATED(),
  403: () => CommonErrors.FORBIDDEN(),
  404: () => CommonErrors.NOT_FOUND(),
  405: () => CommonErrors.METHOD_NOT_ALLOWED(),
  406: () => CommonErrors.NOT_ACCEPTABLE(),
  409: () => CommonErrors.CONFLICT(),
  412: () => CommonErrors.PRECONDITION_FAILED(),
  413: () => CommonErrors.TOO_LARGE(),
  415: () => CommonErrors.UNSUPPORTED_MEDIA_TYPE(),
  428: () => CommonErrors.PRECONDITION_REQUIRED(),
  429: () => CommonErrors.RATE_LIMITED(),
  503: () => CommonErrors.UNAVAILABLE(),
};

function fromStatus(status: number, detail: string | undefined): AppError {
  const generic = GENERIC_BY_STATUS[status]?.();
  if (generic) return new AppError(generic.code, status, generic.title, detail ?? generic.title);
  if (status >= 400 && status < 500) return new AppError('REQUEST.INVALID', status, 'Bad request', detail);
  return CommonErrors.INTERNAL();
}

/** Postgres errors that can only come from client input the validation let through. */
function fromDatabase(error: QueryFailedError): AppError | undefined {
  const driverError = error.driverError as { code?: string; constraint?: string; detail?: string };
  switch (driverError.code) {
    case '23505':
      return errorForConstraint(driverError.constraint) ?? CommonErrors.CONFLICT('A record with the same unique value already exists');
    case '23503':
      return errorForConstraint(driverError.constraint) ?? CommonErrors.CONFLICT('A referenced record does not exist');
    case '40001':
    case '40P01':
      return CommonErrors.CONFLICT('A concurrent update conflicted with this request; retry it');
    case undefined:
    default:
      return undefined;
  }
}

/** Fastify's own 4xx errors (body parsing, content type, size) keep their status. */
function fromFastify(error: unknown): AppError | undefined {
  const candidate = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof candidate.code !== 'string' || !candidate.code.startsWith('FST_')) return undefined;
  const status = typeof candidate.statusCode === 'number' ? candidate.statusCode : 500;
  if (status >= 500) return undefined;
  if (candidate.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || candidate.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || status === 400) {
    return CommonErrors.MALFORMED_BODY(String(candidate.message));
  }
  return fromStatus(status, String(candidate.message));
}

export function toAppError(exception: unknown): AppError {
  if (exception instanceof AppError) return exception;
  if (exception instanceof QueryFailedError) return fromDatabase(exception as QueryFailedError) ?? CommonErrors.INTERNAL();
  const fastify = fromFastify(exception);
  if (fastify) return fastify;
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return fromStatus(exception.getStatus(), typeof message === 'string' ? message : exception.message);
  }
  return CommonErrors.INTERNAL();
}

export function problemDocument(error: AppError, request: FastifyRequest): ProblemDocument {
  return {
    type: `urn:docfinder:problem:${error.code.toLowerCase()}`,
    title: error.title,
    status: error.status,
    detail: error.status >= 500 ? error.title : error.detail,
    instance: request.url,
    code: error.code,
    requestId: String(request.id),
    ...error.extensions,
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): void {
  const headers = error.extensions.retryAfterSeconds;
  if (typeof headers === 'number') void reply.header('retry-after', String(headers));
  void reply.status(error.status).header('content-type', 'application/problem+json; charset=utf-8').send(problemDocument(error, request));
}

/** Every error leaves the API as RFC 9457 application/problem+json; 500s are logged and their details hidden. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = toAppError(exception);
    if (error.status >= 500) this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    sendProblem(reply, request, error);
  }
}
