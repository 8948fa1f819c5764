import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.js';
import { DoctorClaim, type ClaimStatus } from './entities/doctor-claim.entity.js';

export interface ClaimRow {
  id: string;
  status: ClaimStatus;
  doctor_id: string;
  doctor_display_name: string;
  doctor_npi: string | null;
  doctor_website: string | null;
  account_id: string;
  claimant_email: string | null;
  claimant_display_name: string | null;
  npi: string;
  license_number: string | null;
  license_region: string | null;
  practice_email: string | null;
  auto_approved: boolean;
  reason: string | null;
  decided_at: Date | null;
  created_at: Date;
  /** created_at as text, microseconds included, for the page cursor (a Date keeps milliseconds only). */
  cursor_at: string;
}

const CLAIM_SELECT = `
  SELECT c.id, c.status, c.doctor_id, d.display_name AS doctor_display_name, d.npi AS doctor_npi, d.website AS doctor_website,
         c.account_id, a.email AS claimant_email, a.display_name AS claimant_display_name,
         c.npi, c.license_number, c.license_region, c.practice_email, c.auto_approved, c.reason, c.decided_at, c.created_at,
         c.created_at::text AS cursor_at
    FROM doctor_claims c
    JOIN doctors d ON d.id = c.doctor_id
    LEFT JOIN accounts a ON a.id = c.account_id`;

export type NewClaim = Pick<DoctorClaim, 'doctorId' | 'accountId' | 'npi' | 'licenseNumber' | 'licenseRegion' | 'practiceEmail'>;

@Injectable()
export class ClaimsRepository {
  constructor(private readonly db: Database) {}

  /**
   * A merge: the merged profile's claims (history and pending ones) now concern the kept one. A pending claim of an
   * account that already waits on the kept profile is rejected: one open claim per account and profile.
   */
  async moveToDoctor(fromDoctorId: string, toDoctorId: string): Promise<void> {
    await this.db.query(
      `UPDATE doctor_claims c SET status = 'rejected', decided_at = now(), reason = 'The profile was merged into one this account already claims'
        WHERE c.doctor_id = $1 AND c.status = 'pending'
          AND EXISTS (SELECT 1 FROM doctor_claims k WHERE k.doctor_id = $2 AND k.account_id = c.account_id AND k.status = 'pending')`,
      [fromDoctorId, toDoctorId],
    );
    await this.db.query('UPDATE doctor_claims SET doctor_id = $2 WHERE doctor_id = $1', [fromDoctorId, toDoctorId]);
  }

  async insert(claim: NewClaim): Promise<string> {
    const result = await this.db.repository(DoctorClaim).insert({ ...claim, status: 'pending' });
    return (result.identifiers[0] as { id: string }).id;
  }

  async find(id: string): Promise<ClaimRow | undefined> {
    return (await this.db.query<ClaimRow>(`${CLAIM_SELECT} WHERE c.id = $1`, [id]))[0];
  }

  /** The claim's status and target, locked for a decision. */
  async lock(id: string): Promise<Pick<DoctorClaim, 'status' | 'doctorId' | 'accountId'> | undefined> {
    const rows = await this.db.query<{ status: ClaimStatus; doctor_id: string; account_id: string }>(
      'SELECT status, doctor_id, account_id FROM doctor_claims WHERE id = $1 FOR UPDATE',
      [id],
    );
    const row = rows[0];
    return row && { status: row.status, doctorId: row.doctor_id, accountId: row.account_id };
  }

  async decide(id: string, decision: { status: Exclude<ClaimStatus, 'pending'>; decidedBy: string | null; reason: string | null; autoApproved: boolean }): Promise<void> {
    await this.db.query(
      `UPDATE doctor_claims SET status = $2, decided_by = $3, reason = $4, auto_approved = $5, decided_at = now(), updated_at = now()
        WHERE id = $1`,
      [id, decision.status, decision.decidedBy, decision.reason, decision.autoApproved],
    );
  }

  /** Oldest first (the moderation queue order), keyset-paged on (created_at, id). */
  async page(filter: { status: ClaimStatus; after?: { createdAt: string; id: string }; limit: number }): Promise<ClaimRow[]> {
    return this.db.query<ClaimRow>(
      `${CLAIM_SELECT}
        WHERE c.status = $1 AND ($2::timestamptz IS NULL OR (c.created_at, c.id) > ($2::timestamptz, $3::uuid))
        ORDER BY c.created_at, c.id
        LIMIT $4`,
      [filter.status, filter.after?.createdAt ?? null, filter.after?.id ?? null, filter.limit + 1],
    );
  }
}
