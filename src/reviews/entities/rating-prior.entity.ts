import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { PriorOrigin } from '../statistics/ranking.js';

/** The scope of the prior for doctors without a primary specialty, and the fallback for specialties without a row. */
export const ALL_DOCTORS_SCOPE = '*';

/**
 * Ranking priors per primary specialty, recomputed by the scheduled job and `ratings:recompute`; each rating write
 * scores its doctor with the row current at the time.
 */
@Entity({ name: 'rating_priors' })
@Check('ck_rating_priors_origin', `mean_from IN ('specialty', 'all', 'default') AND sigma_from IN ('specialty', 'all', 'default')`)
export class RatingPrior {
  /** A specialty code, or `*` for all doctors. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_rating_priors' })
  scope!: string;

  @Column({ type: 'double precision' })
  mean!: number;

  @Column({ type: 'double precision' })
  sigma!: number;

  @Column({ type: 'text' })
  meanFrom!: PriorOrigin;

  @Column({ type: 'text' })
  sigmaFrom!: PriorOrigin;

  /** Ratings of all sources in the scope, and own reviews among them, when computed. */
  @Column({ type: 'integer' })
  ratingCount!: number;

  @Column({ type: 'integer' })
  ownCount!: number;

  @Column({ type: 'timestamptz' })
  computedAt!: Date;
}
