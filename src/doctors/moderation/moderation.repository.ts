import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.js';
import type { ProvenanceSource } from '../entities/doctor.entity.js';
import type { MergeCandidateStatus } from '../entities/merge-candidate.entity.js';
import type { ConflictStatus } from '../entities/profile-conflict.entity.js';
import type { DoctorSummaryDto } from './dto/moderation.dto.js';

const doctorSummary = (alias: string): string => `json_build_object(
  'id', ${alias}.id, 'slug', ${alias}.slug, 'displayName', ${alias}.display_name, 'npi', ${alias}.npi,
  'city', (SELECT l.city FROM practice_locations l WHERE l.doctor_id = ${alias}.id ORDER BY l.position LIMIT 1),
  'live', ${alias}.deleted_at IS NULL)`;

/** A cursor's microseconds since 1970 as a timestamptz, computed on the parameter so the queue index still serves. */
const AFTER_MICROS = (param: string): string => `(timestamptz 'epoch' + ${param}::bigint * interval '1 microsecond')`;

const CONFLICT_SELECT = `
  SELECT c.*, (extract(epoch FROM c.created_at) * 1000000)::bigint::text AS created_key, ${doctorSummary('d')} AS doctor
    FROM profile_conflicts c JOIN doctors d ON d.id = c.doctor_id`;

const MERGE_CANDIDATE_SELECT = `
  SELECT m.*, (extract(epoch FROM m.created_at) * 1000000)::bigint::text AS created_key,
         ${doctorSummary('d')} AS doctor, ${doctorSummary('o')} AS candidate
    FROM merge_candidates m JOIN doctors d ON d.id = m.doctor_id JOIN doctors o ON o.id = m.candidate_id`;

export interface ConflictRow {
  id: string;
  doctor_id: string;
  doctor: DoctorSummaryDto;
  field: string;
  current_value: unknown;
  current_source: ProvenanceSource;
  proposed_value: unknown;
  source: ProvenanceSource;
  origin: string | null;
  run_id: string | null;
  status: ConflictStatus;
  created_at: Date;
  /** created_at in microseconds since 1970, exactly, for the page cursor. */
  created_key: string;
  resolved_at: Date | null;
  resolved_by: string | null;
}

export interface MergeCandidateRow {
  id: string;
  doctor_id: string;
  candidate_id: string;
  doctor: DoctorSummaryDto;
  candidate: DoctorSummaryDto;
  score: number;
  reasons: string[];
  source: string;
  status: MergeCandidateStatus;
  created_at: Date;
  created_key: string;
  resolved_at: Date | null;
}

export interface QueueFilter<S> {
  status: S;
  after?: { createdKey: string; id: string };
  limit: number;
}

/** The moderation queues (conflicts, possible duplicates) and the row moves of a merge. */
@Injectable()
export class ModerationRepository {
  constructor(private readonly db: Database) {}

  /** Queues `doctorId` as a possible duplicate of each candidate (once per pair, whatever became of it). Returns how many were new. */
  async queueMergeCandidates(doctorId: string, candidates: readonly { doctorId: string; score: number; reasons: string[] }[], source: string): Promise<number> {
    if (candidates.length === 0) return 0;
    const queued = await this.db.query(
      `INSERT INTO merge_candidates (doctor_id, candidate_id, score, reasons, source)
       SELECT $1, c."doctorId", c.score, c.reasons, $3
         FROM jsonb_to_recordset($2::jsonb) AS c("doctorId" uuid, score real, reasons text[])
        WHERE c."doctorId" <> $1
       ON CONFLICT (doctor_id, candidate_id) DO NOTHING
       RETURNING 1`,
      [doctorId, JSON.stringify(candidates), source],
    );
    return queued.length;
  }

  /** Oldest first: a queue. */
  async pageConflicts(filter: QueueFilter<ConflictStatus> & { doctorId?: string }): Promise<ConflictRow[]> {
    return this.db.query<ConflictRow>(
      `${CONFLICT_SELECT}
        WHERE c.status = $1 AND ($2::uuid IS NULL OR c.doctor_id = $2)
          AND ($3::bigint IS NULL OR (c.created_at, c.id) > (${AFTER_MICROS('$3')}, $4::uuid))
        ORDER BY c.created_at, c.id LIMIT $5`,
      [filter.status, filter.doctorId ?? null, filter.after?.createdKey ?? null, filter.after?.id ?? null, filter.limit + 1],
    );
  }

  async lockConflict(id: string): Promise<ConflictRow | undefined> {
    const [row] = await this.db.query<ConflictRow>(
      `${CONFLICT_SELECT} WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    return row;
  }

  async resolveConflict(id: string, status: Exclude<ConflictStatus, 'pending'>, accountId: string | null): Promise<void> {
    await this.db.query(`UPDATE profile_conflicts SET status = $2, resolved_at = now(), resolved_by = $3 WHERE id = $1`, [id, status, accountId]);
  }

  async pageMergeCandidates(filter: QueueFilter<MergeCandidateStatus>): Promise<MergeCandidateRow[]> {
    return this.db.query<MergeCandidateRow>(
      `${MERGE_CANDIDATE_SELECT}
        WHERE m.status = $1 AND ($2::bigint IS NULL OR (m.created_at, m.id) > (${AFTER_MICROS('$2')}, $3::uuid))
        ORDER BY m.created_at, m.id LIMIT $4`,
      [filter.status, filter.after?.createdKey ?? null, filter.after?.id ?? null, filter.limit + 1],
    );
  }

  async lockMergeCandidate(id: string): Promise<MergeCandidateRow | undefined> {
    const [row] = await this.db.query<MergeCandidateRow>(
      `${MERGE_CANDIDATE_SELECT} WHERE m.id = $1 FOR UPDATE OF m`,
      [id],
    );
    return row;
  }

  async dismissMergeCandidate(id: string): Promise<void> {
    await this.db.query(`UPDATE merge_candidates SET status = 'dismissed', resolved_at = now() WHERE id = $1`, [id]);
  }

  /** The merged profile leaves: soft-deleted, pointing at the kept one, like every profile merged into it before. */
  async retire(mergeId: string, keepId: string): Promise<void> {
    await this.db.query(
      `UPDATE doctors SET deleted_at = now(), merged_into_id = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
      [mergeId, keepId],
    );
    await this.db.query(`UPDATE doctors SET merged_into_id = $2 WHERE merged_into_id = $1`, [mergeId, keepId]);
  }

  /**
   * Moves the merged profile's locations that the kept one lacks after the kept one's: not the same directory
   * address, not the same street address in the same city, and not a bare city the kept profile already has.
   */
  async moveLocations(mergeId: string, keepId: string): Promise<void> {
    await this.db.query(
      `WITH movable AS (
         SELECT m.id, row_number() OVER (ORDER BY m.position) AS n FROM practice_locations m
          WHERE m.doctor_id = $1
            AND NOT EXISTS (SELECT 1 FROM practice_locations k
                             WHERE k.doctor_id = $2
                               AND ((m.external_id IS NOT NULL AND k.external_id = m.external_id)
                                 OR (m.address_line1 IS NOT NULL AND lower(k.address_line1) = lower(m.address_line1)
                                     AND k.city_key IS NOT DISTINCT FROM m.city_key)
                                 OR (m.address_line1 IS NULL AND k.city_key = m.city_key)))
       ), base AS (SELECT COALESCE(max(position) + 1, 0) AS next FROM practice_locations WHERE doctor_id = $2)
       UPDATE practice_locations l SET doctor_id = $2, position = base.next + movable.n - 1
         FROM movable, base WHERE l.id = movable.id`,
      [mergeId, keepId],
    );
  }

  /** Slugs, directory records, pending conflicts and queued duplicates of the merged profile now concern the kept one. */
  async moveReferences(mergeId: string, keepId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO doctor_slug_redirects (slug, doctor_id) SELECT slug, $2 FROM doctors WHERE id = $1
       ON CONFLICT (slug) DO UPDATE SET doctor_id = EXCLUDED.doctor_id`,
      [mergeId, keepId],
    );
    await this.db.query(`UPDATE doctor_slug_redirects SET doctor_id = $2 WHERE doctor_id = $1`, [mergeId, keepId]);
    await this.db.query(`UPDATE doctor_source_records SET doctor_id = $2 WHERE doctor_id = $1`, [mergeId, keepId]);
    // One pending conflict per field: the kept profile's own wins, the other is set aside.
    await this.db.query(
      `UPDATE profile_conflicts c SET doctor_id = $2 WHERE c.doctor_id = $1 AND c.status = 'pending'
          AND NOT EXISTS (SELECT 1 FROM profile_conflicts k WHERE k.doctor_id = $2 AND k.field = c.field AND k.status = 'pending')`,
      [mergeId, keepId],
    );
    await this.db.query(
      `UPDATE profile_conflicts SET status = 'dismissed', resolved_at = now() WHERE doctor_id = $1 AND status = 'pending'`,
      [mergeId],
    );
    await this.db.query(
      `UPDATE merge_candidates SET status = 'merged', resolved_at = now()
        WHERE status = 'pending' AND ((doctor_id = $1 AND candidate_id = $2) OR (doctor_id = $2 AND candidate_id = $1))`,
      [mergeId, keepId],
    );
    for (const [moved, other] of [['doctor_id', 'candidate_id'], ['candidate_id', 'doctor_id']] as const) {
      await this.db.query(
        `UPDATE merge_candidates m SET ${moved} = $2 WHERE m.${moved} = $1 AND m.status = 'pending' AND m.${other} <> $2
            AND NOT EXISTS (SELECT 1 FROM merge_candidates o WHERE o.${moved} = $2 AND o.${other} = m.${other})`,
        [mergeId, keepId],
      );
    }
    await this.db.query(
      `UPDATE merge_candidates SET status = 'merged', resolved_at = now() WHERE status = 'pending' AND (doctor_id = $1 OR candidate_id = $1)`,
      [mergeId],
    );
  }
}
