import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { REQUIRED_ROLES } from './auth.decorators.js';
import { AuthErrors } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import { hasAnyRole, type Role } from './principal.js';

/** Global guard: identifies the caller on every request, then enforces `@Authenticated(...roles)`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    request.principal = await this.auth.authenticate(request.headers.authorization);
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (required === undefined) return true;
    if (!request.principal) throw AuthErrors.MISSING_CREDENTIALS();
    if (required.length > 0 && !hasAnyRole(request.principal, required)) throw AuthErrors.FORBIDDEN();
    return true;
  }
}
