import { AsyncLocalStorage } from 'node:async_hooks';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { Principal } from '../../auth/principal.js';

/** Who is acting and under which request id, for code far from the controller (the audit log). */
export interface RequestContextStore {
  readonly requestId: string;
  readonly principal: Principal | undefined;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

export const RequestContext = {
  /** The current request's context; undefined outside a request (CLI commands, background jobs). */
  current: (): RequestContextStore | undefined => storage.getStore(),
};

/**
 * Runs each handler inside its request's context. An interceptor rather than a Fastify hook: it runs after the
 * guards, so the principal is known, and Nest binds the handler to the async scope `handle()` is called in.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return storage.run({ requestId: String(request.id), principal: request.principal }, () => next.handle());
  }
}
