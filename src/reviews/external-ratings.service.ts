import { Injectable } from '@nestjs/common';
import { CommonErrors } from '../common/errors/app-error.js';
import { decodeCursor, toPage, type Page } from '../common/http/pagination.js';
import { Database } from '../database/database.js';
import { DoctorErrors } from '../doctors/doctors.errors.js';
import { DoctorsService } from '../doctors/doctors.service.js';
import type { ExternalRatingDto, ExternalRatingQueryDto } from './dto/external-rating.dto.js';
import type { ExternalRating } from './entities/external-rating.entity.js';
import { ExternalRatingsRepository } from './external-ratings.repository.js';
import { RatingsService } from './ratings.service.js';
import { toCommonScale } from './statistics/ranking.js';
import type { ExternalObservation } from './statistics/rating-summary.js';

/** Clocks disagree a little; an observation from further in the future is a mistake. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RecordedExternalRating {
  rating: ExternalRatingDto;
  /** False when the observation repeated the current one and nothing was stored. */
  added: boolean;
}

function present(row: ExternalRating): ExternalRatingDto {
  return {
    id: row.id,
    doctorId: row.doctorId,
    source: row.source,
    sourceUrl: row.sourceUrl,
    value: row.value,
    scale: row.scale,
    reviewCount: row.reviewCount,
    observedAt: row.observedAt.toISOString(),
    current: row.isCurrent,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt.toISOString(),
  };
}

/** The DTO checks each field for API callers; importers call the service directly, so the rules are checked here too. */
function assertPlausible(observation: ExternalObservation): void {
  const errors: Record<string, string[]> = {};
  if (!(observation.scale > 0)) errors.scale = ['must be a positive number'];
  if (!(observation.value >= 0 && observation.value <= observation.scale)) errors.value = ['must be between 0 and scale'];
  if (!Number.isInteger(observation.reviewCount) || observation.reviewCount < 0) errors.reviewCount = ['must be a whole number, at least 0'];
  if (observation.observedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) errors.observedAt = ['must not be in the future'];
  if (Object.keys(errors).length > 0) throw CommonErrors.VALIDATION_FAILED(`Invalid field${Object.keys(errors).length === 1 ? '' : 's'}: ${Object.keys(errors).join(', ')}`, { errors });
}

/**
 * Ratings observed on other sites, with provenance. Used by moderators through the API and by importers (the Q&A
 * signature "4.8 out of 5 stars 95 reviews").
 */
@Injectable()
export class ExternalRatingsService {
  constructor(
    private readonly db: Database,
    private readonly externalRatings: ExternalRatingsRepository,
    private readonly ratings: RatingsService,
    private readonly doctors: DoctorsService,
  ) {}

  /**
   * Records an observation. One with the same value, scale and count as the current one adds nothing; a changed one
   * becomes current (the old one stays as history), unless it is older than the current one: then it is history.
   * `recordedBy` is the provenance: `admin`, `moderator`, or the importer (`import:qa`).
   */
  async record(doctorId: string, observation: ExternalObservation, recordedBy: string): Promise<RecordedExternalRating> {
    assertPlausible(observation);
    return this.db.transaction(async () => {
      if (!(await this.doctors.exists(doctorId))) throw DoctorErrors.NOT_FOUND(`No doctor ${doctorId}`);
      await this.ratings.lockDoctor(doctorId);
      const current = await this.externalRatings.findCurrent(doctorId, observation.source);
      const same = current && current.value === observation.value && current.scale === observation.scale && current.reviewCount === observation.reviewCount;
      if (current && same) return { rating: present(current), added: false };

      const supersedes = !current || observation.observedAt >= current.observedAt;
      if (current && supersedes) await this.externalRatings.retire(current.id);
      const stored = await this.externalRatings.insert({ doctorId, ...observation, isCurrent: supersedes, recordedBy });
      if (supersedes) {
        const count = observation.reviewCount;
        await this.ratings.externalRatingChanged(doctorId, observation.source, count, toCommonScale(observation.value, observation.scale) * count);
      }
      return { rating: present(stored), added: true };
    });
  }

  /**
   * Doctors whose current rating on `source` reads exactly "value out of 5 stars, reviewCount reviews": how a
   * nameless Q&A signature can still point at one profile.
   */
  doctorsShowing(source: string, value: number, reviewCount: number): Promise<string[]> {
    return this.externalRatings.doctorsShowing(source, value, reviewCount);
  }

  async history(doctorId: string, query: ExternalRatingQueryDto): Promise<Page<ExternalRatingDto>> {
    if (!(await this.doctors.exists(doctorId))) throw DoctorErrors.NOT_FOUND(`No doctor ${doctorId}`);
    const limit = query.limit ?? 20;
    let before: { observedAt: string; id: string } | undefined;
    if (query.after !== undefined) {
      const [observedAt, id] = decodeCursor(query.after, 2);
      if (typeof observedAt !== 'string' || Number.isNaN(Date.parse(observedAt)) || typeof id !== 'string' || !UUID.test(id)) {
        throw CommonErrors.INVALID_CURSOR();
      }
      before = { observedAt, id };
    }
    const rows = await this.externalRatings.page({ doctorId, source: query.source, before, limit });
    return toPage(rows, limit, (row) => [row.observedAt.toISOString(), row.id], present);
  }
}
