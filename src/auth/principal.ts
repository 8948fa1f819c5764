export const ROLES = ['patient', 'doctor', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, loaded fresh on every request (a revoked role or a deleted account takes effect at once). */
export interface Principal {
  /** The account, or null for the static ADMIN_TOKEN used by automation. */
  readonly accountId: string | null;
  readonly email: string | null;
  readonly roles: readonly Role[];
  readonly emailVerified: boolean;
  /** Profiles this account owns (approved claims). */
  readonly ownedDoctorIds: readonly string[];
  /** The sign-in session the access token belongs to (null for ADMIN_TOKEN); logout revokes it. */
  readonly sessionId: string | null;
}

export const hasAnyRole = (principal: Principal | undefined, roles: readonly Role[]): boolean =>
  principal !== undefined && principal.roles.some((role) => roles.includes(role));

export const isStaff = (principal: Principal | undefined): boolean => hasAnyRole(principal, ['moderator', 'admin']);

/** The owner doctor of this profile: a doctor account whose claim on it was approved. */
export const isOwnerOf = (principal: Principal | undefined, doctorId: string): boolean =>
  principal !== undefined && principal.roles.includes('doctor') && principal.ownedDoctorIds.includes(doctorId);

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
