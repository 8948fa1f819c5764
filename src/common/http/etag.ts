import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors } from '../errors/app-error.js';

/** Strong ETag from a row version: `"3"`. */
export const etagOf = (version: number): string => `"${version}"`;

/** The version an `If-Match` header names: required (428) and exactly one strong ETag (400 otherwise). */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw CommonErrors.PRECONDITION_REQUIRED('Send If-Match with the ETag from your last GET');
  }
  const match = /^"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw CommonErrors.VALIDATION_FAILED('If-Match must be one strong ETag such as "3"', { errors: { 'If-Match': ['must be one strong ETag such as "3"'] } });
  return Number(match[1]);
}

/** `@IfMatch() expectedVersion: number` on conditional writes. */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): number =>
  parseIfMatch(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);

/** Sets ETag and answers whether the client's If-None-Match already has this version (then send 304). */
export function applyEtag(request: FastifyRequest, reply: FastifyReply, version: number): boolean {
  const etag = etagOf(version);
  void reply.header('etag', etag);
  const ifNoneMatch = request.headers['if-none-match'];
  return ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
