import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';
import { ExternalRating } from './entities/external-rating.entity.js';

export type NewExternalRating = Omit<ExternalRating, 'id' | 'recordedAt'>;

/** All SQL about observed external ratings and their history. */
@Injectable()
export class ExternalRatingsRepository {
  constructor(private readonly db: Database) {}

  async findCurrent(doctorId: string, source: string): Promise<ExternalRating | null> {
    return this.db.repository(ExternalRating).findOneBy({ doctorId, source, isCurrent: true });
  }

  async retire(id: string): Promise<void> {
    await this.db.repository(ExternalRating).update({ id }, { isCurrent: false });
  }

  async insert(rating: NewExternalRating): Promise<ExternalRating> {
    const repository = this.db.repository(ExternalRating);
    const { identifiers } = await repository.insert(rating);
    return repository.findOneByOrFail({ id: (identifiers[0] as { id: string }).id });
  }

  /**
   * A merge: the merged profile's observations move to the kept one. Where both have a current one from a source,
   * the more recent observation stays current and the other becomes history.
   */
  async moveToDoctor(fromDoctorId: string, toDoctorId: string): Promise<void> {
    await this.db.query(
      `UPDATE external_ratings e SET is_current = false FROM external_ratings o
        WHERE e.is_current AND o.is_current AND e.source = o.source AND e.doctor_id = ANY($1::uuid[]) AND o.doctor_id = ANY($1::uuid[])
          AND e.doctor_id <> o.doctor_id AND (e.observed_at, e.id) < (o.observed_at, o.id)`,
      [[fromDoctorId, toDoctorId]],
    );
    await this.db.query('UPDATE external_ratings SET doctor_id = $2 WHERE doctor_id = $1', [fromDoctorId, toDoctorId]);
  }

  /** Doctors whose current observation from `source` shows exactly this value (of 5) and review count. */
  async doctorsShowing(source: string, value: number, reviewCount: number): Promise<string[]> {
    const rows = await this.db.query<{ doctor_id: string }>(
      `SELECT doctor_id FROM external_ratings WHERE is_current AND source = $1 AND value = $2 AND scale = 5 AND review_count = $3`,
      [source, value, reviewCount],
    );
    return rows.map((row) => row.doctor_id);
  }

  /** Newest observation first; keyset on (observed_at, id). */
  async page(filter: { doctorId: string; source?: string; before?: { observedAt: string; id: string }; limit: number }): Promise<ExternalRating[]> {
    const query = this.db
      .repository(ExternalRating)
      .createQueryBuilder('r')
      .where('r.doctor_id = :doctorId', { doctorId: filter.doctorId })
      .orderBy('r.observed_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.source !== undefined) query.andWhere('r.source = :source', { source: filter.source });
    if (filter.before !== undefined) {
      query.andWhere('(r.observed_at, r.id) < (CAST(:observedAt AS timestamptz), CAST(:id AS uuid))', filter.before);
    }
    return query.getMany();
  }
}
