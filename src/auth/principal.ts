export const ROLES = ['patient', 'doctor', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling. Anonymous callers have no principal at all. */
export interface Principal {
  /** The account, or null for the static ADMIN_TOKEN used by automation. */
  readonly accountId: string | null;
  readonly roles: readonly Role[];
  readonly emailVerified: boolean;
}

export const hasAnyRole = (principal: Principal | undefined, roles: readonly Role[]): boolean =>
  principal !== undefined && principal.roles.some((role) => roles.includes(role));

export const isStaff = (principal: Principal | undefined): boolean => hasAnyRole(principal, ['moderator', 'admin']);

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
