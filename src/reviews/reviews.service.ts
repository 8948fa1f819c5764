import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { isOwnerOf, isStaff, type Principal } from '../auth/principal.js';
import { CommonErrors } from '../common/errors/app-error.js';
import { decodeCursor, toPage, type Page } from '../common/http/pagination.js';
import { Database } from '../database/database.js';
import { DoctorErrors } from '../doctors/doctors.errors.js';
import { DoctorsService } from '../doctors/doctors.service.js';
import { MailService } from '../mail/mail.service.js';
import type { CreateReviewDto, ModerationDecisionDto, ReplyDto, ReportDto, SubRatingsDto, UpdateReviewDto } from './dto/review-input.dto.js';
import type { DoctorReviewsQueryDto, ModerationQueueQueryDto, ReviewSort } from './dto/review-query.dto.js';
import type { ReportResponseDto, ReviewDto } from './dto/review-response.dto.js';
import type { Review } from './entities/review.entity.js';
import { BURST_RULE, isBurst, textFlags, type ModerationFlag } from './moderation/moderation-rules.js';
import { RatingsService } from './ratings.service.js';
import { countedStar, statusAfterEdit, statusAfterModeration, statusOnCreate, type ModerationAction } from './review-lifecycle.js';
import { presentReview } from './review.presenter.js';
import { ReviewErrors } from './reviews.errors.js';
import { ReviewsRepository, sortKeyOf, type ReviewChanges, type ReviewRow } from './reviews.repository.js';
import type { Star } from './statistics/rating-aggregate.js';
import { wilsonLowerBound } from './statistics/wilson.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isAuthor = (principal: Principal | undefined, authorAccountId: string | null): boolean =>
  principal?.accountId != null && principal.accountId === authorAccountId;

const isTimestamp = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID.test(value);
const isNumber = (value: unknown): boolean => typeof value === 'number';

/** What each position of a sort's cursor must hold (see sortKeyOf). */
const SORT_KEY_SHAPES: Record<ReviewSort, ((value: unknown) => boolean)[]> = {
  recent: [isTimestamp, isUuid],
  helpful: [isNumber, isTimestamp, isUuid],
  rating: [isNumber, isTimestamp, isUuid],
};

/** The month of a visit cannot be in the future (a day's grace for time zones). */
function assertVisitMonth(visitMonth: string | null | undefined): void {
  if (visitMonth === undefined || visitMonth === null) return;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 7);
  if (visitMonth > tomorrow) {
    throw CommonErrors.VALIDATION_FAILED('Invalid field: visitMonth', { errors: { visitMonth: ['must not be in the future'] } });
  }
}

const subRatingColumns = (subRatings: SubRatingsDto | null | undefined): Pick<Review, 'bedsideManner' | 'explanation' | 'waitTime' | 'staff' | 'office'> => ({
  bedsideManner: subRatings?.bedsideManner ?? null,
  explanation: subRatings?.explanation ?? null,
  waitTime: subRatings?.waitTime ?? null,
  staff: subRatings?.staff ?? null,
  office: subRatings?.office ?? null,
});

/**
 * Own reviews: patients write them (one per doctor), rules hold suspicious ones for moderators, the owner doctor
 * may reply once and is told when a review of them goes live. Every change of a counted rating updates the
 * doctor's aggregates in the same transaction. Rating writes lock the doctor's rating row before any review row.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly db: Database,
    private readonly reviews: ReviewsRepository,
    private readonly ratings: RatingsService,
    private readonly doctors: DoctorsService,
    private readonly accounts: AccountsService,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
  ) {}

  async create(principal: Principal, doctorId: string, dto: CreateReviewDto): Promise<ReviewDto> {
    const authorId = this.assertMayReview(principal);
    assertVisitMonth(dto.visitMonth);
    const textFlagged = textFlags(dto.text);
    const id = await this.db.transaction(async () => {
      if (!(await this.doctors.exists(doctorId))) throw DoctorErrors.NOT_FOUND(`No doctor ${doctorId}`);
      await this.ratings.lockDoctor(doctorId);
      const burst = await this.reviews.burstCount(doctorId, authorId, BURST_RULE.windowHours, BURST_RULE.newAccountDays);
      const inBurst = burst.authorIsNew && isBurst(burst.recentFromNewAccounts + 1);
      const flags: ModerationFlag[] = inBurst ? [...textFlagged, 'burst'] : textFlagged;
      const status = statusOnCreate(flags.length > 0);
      const reviewId = await this.reviews.insert({
        doctorId,
        authorAccountId: authorId,
        rating: dto.rating,
        text: dto.text,
        ...subRatingColumns(dto.subRatings),
        visitMonth: dto.visitMonth ?? null,
        status,
        flags,
        publishedAt: status === 'published' ? new Date() : null,
      });
      // A burst holds the reviews of it that already went live, too.
      const held = inBurst ? await this.reviews.holdRecentFromNewAccounts(doctorId, reviewId, BURST_RULE.windowHours, BURST_RULE.newAccountDays) : [];
      await this.ratings.ownRatingsChanged(doctorId, [
        { before: null, after: countedStar(status, dto.rating as Star) },
        ...held.map((rating) => ({ before: rating as Star, after: null })),
      ]);
      if (status === 'published') await this.notifyOwner(doctorId, dto.rating);
      return reviewId;
    });
    return this.presentOrFail(id, true);
  }

  async get(principal: Principal | undefined, id: string): Promise<ReviewDto> {
    const row = UUID.test(id) ? await this.reviews.find(id) : undefined;
    const mayModerate = isStaff(principal) || (row !== undefined && isAuthor(principal, row.author_account_id));
    if (!row || (row.status !== 'published' && !mayModerate)) throw ReviewErrors.NOT_FOUND(`No review ${id}`);
    return presentReview(row, mayModerate);
  }

  /** The author edits; the rules run again and an edit never gets past moderation (see statusAfterEdit). */
  async update(principal: Principal, id: string, expectedVersion: number, dto: UpdateReviewDto): Promise<ReviewDto> {
    if (Object.values(dto).every((value) => value === undefined)) {
      throw CommonErrors.VALIDATION_FAILED('Nothing to change', { errors: { '': ['send at least one of rating, text, subRatings, visitMonth'] } });
    }
    assertVisitMonth(dto.visitMonth);
    await this.db.transaction(async () => {
      const current = await this.lockReview(principal, id);
      if (!isAuthor(principal, current.authorAccountId)) throw ReviewErrors.NOT_ALLOWED('Only the author edits a review');
      if (current.version !== expectedVersion) throw ReviewErrors.STALE_VERSION(`The review is at version ${current.version}`);
      const text = dto.text ?? current.text;
      const flags: ModerationFlag[] = [...textFlags(text), ...current.flags.filter((flag) => flag === 'burst')];
      const status = statusAfterEdit(current.status, flags.length > 0);
      const changes: ReviewChanges = { text, flags, status };
      if (dto.rating !== undefined) changes.rating = dto.rating;
      if (dto.subRatings !== undefined) Object.assign(changes, subRatingColumns(dto.subRatings));
      if (dto.visitMonth !== undefined) changes.visitMonth = dto.visitMonth;
      await this.reviews.update(id, changes);
      const rating = (changes.rating ?? current.rating) as Star;
      await this.ratings.ownRatingChanged(current.doctorId, countedStar(current.status, current.rating as Star), countedStar(status, rating));
    });
    return this.presentOrFail(id, true);
  }

  /** The owner doctor's one public answer. */
  async reply(principal: Principal, id: string, dto: ReplyDto): Promise<ReviewDto> {
    await this.db.transaction(async () => {
      const current = await this.lockReview(principal, id);
      if (!isOwnerOf(principal, current.doctorId)) throw ReviewErrors.NOT_ALLOWED('Only the doctor who owns the reviewed profile replies');
      await this.reviews.insertReply({ reviewId: id, authorAccountId: principal.accountId, text: dto.text });
      // The reply is part of the review's representation: its ETag moves.
      await this.reviews.update(id, {});
    });
    return this.presentOrFail(id, false);
  }

  /** "Was this helpful?": once per account; neither the author nor the reviewed doctor votes. */
  async vote(principal: Principal, id: string, helpful: boolean): Promise<ReviewDto> {
    const accountId = this.accountOf(principal);
    if (!principal.emailVerified) throw ReviewErrors.EMAIL_NOT_VERIFIED('Verify your e-mail address before voting');
    await this.db.transaction(async () => {
      const current = await this.reviews.find(id);
      if (!current || current.status !== 'published') throw ReviewErrors.NOT_FOUND(`No review ${id}`);
      if (isAuthor(principal, current.author_account_id)) throw ReviewErrors.NOT_ALLOWED('You cannot vote on your own review');
      if (isOwnerOf(principal, current.doctor_id)) throw ReviewErrors.NOT_ALLOWED('You cannot vote on reviews of your own profile');
      await this.reviews.insertVote(id, accountId, helpful);
      const votes = await this.reviews.countVote(id, helpful);
      await this.reviews.setHelpfulScore(id, wilsonLowerBound(votes.helpful_votes, votes.helpful_votes + votes.unhelpful_votes));
    });
    return this.presentOrFail(id, false);
  }

  /** Asks moderators to look; a report never hides a review by itself. */
  async report(principal: Principal, id: string, dto: ReportDto): Promise<ReportResponseDto> {
    const accountId = this.accountOf(principal);
    const current = await this.reviews.find(id);
    if (!current || current.status !== 'published') throw ReviewErrors.NOT_FOUND(`No review ${id}`);
    const report = await this.reviews.insertReport({ reviewId: id, reporterAccountId: accountId, reason: dto.reason, details: dto.details ?? null });
    return { id: report.id, reviewId: id, reason: report.reason, createdAt: report.createdAt.toISOString() };
  }

  async listForDoctor(doctorId: string, query: DoctorReviewsQueryDto): Promise<Page<ReviewDto>> {
    if (!(await this.doctors.exists(doctorId))) throw DoctorErrors.NOT_FOUND(`No doctor ${doctorId}`);
    const sort = query.sort ?? 'recent';
    const limit = query.limit ?? 20;
    const shapes = SORT_KEY_SHAPES[sort];
    const after = query.after === undefined ? undefined : decodeCursor(query.after, shapes.length);
    if (after !== undefined && !after.every((value, i) => shapes[i]?.(value))) throw CommonErrors.INVALID_CURSOR();
    const rows = await this.reviews.pagePublished(doctorId, sort, after, limit);
    return toPage(rows, limit, (row) => sortKeyOf(sort, row), (row) => presentReview(row, false));
  }

  async moderationQueue(query: ModerationQueueQueryDto): Promise<Page<ReviewDto>> {
    const limit = query.limit ?? 20;
    let after: { createdKey: string; id: string } | undefined;
    if (query.after !== undefined) {
      const [createdKey, id] = decodeCursor(query.after, 2);
      if (!isTimestamp(createdKey) || !isUuid(id)) throw CommonErrors.INVALID_CURSOR();
      after = { createdKey: String(createdKey), id: String(id) };
    }
    const rows = await this.reviews.pageForModeration({ status: query.status ?? 'pending', reported: query.reported ?? false, after, limit });
    return toPage(rows, limit, (row) => [row.created_key, row.id], (row) => presentReview(row, true));
  }

  /** publish (pending → published), reject (pending|published → rejected), restore (rejected → published). */
  async moderate(principal: Principal, id: string, action: ModerationAction, dto: ModerationDecisionDto): Promise<ReviewDto> {
    await this.db.transaction(async () => {
      const current = await this.lockReview(principal, id);
      const status = statusAfterModeration(current.status, action);
      if (status === undefined) throw ReviewErrors.INVALID_TRANSITION(`Cannot ${action} a ${current.status} review`);
      const firstPublication = status === 'published' && current.publishedAt === null;
      const changes: ReviewChanges = { status, moderatedAt: new Date(), moderationNote: dto.note ?? null };
      if (firstPublication) changes.publishedAt = new Date();
      await this.reviews.update(id, changes);
      await this.reviews.resolveReports(id);
      await this.ratings.ownRatingChanged(current.doctorId, countedStar(current.status, current.rating as Star), countedStar(status, current.rating as Star));
      await this.audit.record({
        action: `review.${action}`,
        entityType: 'review',
        entityId: id,
        before: { status: current.status, moderationNote: current.moderationNote },
        after: { status, moderationNote: changes.moderationNote },
      });
      if (firstPublication) await this.notifyOwner(current.doctorId, current.rating);
    });
    return this.presentOrFail(id, true);
  }

  /** Locks the doctor's ratings, then the review (the order every rating write uses); 404 for an unknown id. */
  private async lockReview(principal: Principal, id: string): Promise<Review> {
    const row = UUID.test(id) ? await this.reviews.find(id) : undefined;
    const visible = row !== undefined && (row.status === 'published' || isStaff(principal) || isAuthor(principal, row.author_account_id));
    if (!row || !visible) throw ReviewErrors.NOT_FOUND(`No review ${id}`);
    await this.ratings.lockDoctor(row.doctor_id);
    const current = await this.reviews.lock(id);
    if (!current) throw ReviewErrors.NOT_FOUND(`No review ${id}`);
    return current;
  }

  /** Only patients with a verified e-mail write reviews; doctors reply, staff moderate. */
  private assertMayReview(principal: Principal): string {
    const accountId = this.accountOf(principal);
    if (!principal.roles.includes('patient') || principal.roles.includes('doctor') || isStaff(principal)) throw ReviewErrors.NOT_A_PATIENT();
    if (!principal.emailVerified) throw ReviewErrors.EMAIL_NOT_VERIFIED();
    return accountId;
  }

  private accountOf(principal: Principal): string {
    if (principal.accountId === null) throw ReviewErrors.ACCOUNT_REQUIRED();
    return principal.accountId;
  }

  /** Tells the owner doctor (if the profile has one) once the transaction committed. No review text in the mail. */
  private async notifyOwner(doctorId: string, rating: number): Promise<void> {
    const ownerId = await this.doctors.ownerAccountId(doctorId);
    const owner = ownerId === null ? undefined : await this.accounts.findById(ownerId);
    if (!owner) return;
    await this.mail.sendAfterCommit({
      to: owner.email,
      subject: 'A new review of your profile was published',
      text: `A patient published a ${rating}-star review of your Docfinder profile.\n\nRead it, and reply once if you wish: /v1/doctors/${doctorId}/reviews\n`,
    });
  }

  private async presentOrFail(id: string, withModeration: boolean): Promise<ReviewDto> {
    const row: ReviewRow | undefined = await this.reviews.find(id);
    if (!row) throw ReviewErrors.NOT_FOUND(`No review ${id}`);
    return presentReview(row, withModeration);
  }
}
