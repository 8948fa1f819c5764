import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/configuration.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { DoctorsModule } from '../doctors/doctors.module.js';
import { MailModule } from '../mail/mail.module.js';
import { SearchOutboxModule } from '../search/outbox/search-outbox.module.js';
import { DoctorRating } from './entities/doctor-rating.entity.js';
import { ExternalRating } from './entities/external-rating.entity.js';
import { RatingAggregateRow } from './entities/rating-aggregate.entity.js';
import { RatingPrior } from './entities/rating-prior.entity.js';
import { ReviewReply } from './entities/review-reply.entity.js';
import { ReviewReport } from './entities/review-report.entity.js';
import { ReviewVote } from './entities/review-vote.entity.js';
import { Review } from './entities/review.entity.js';
import { ExternalRatingsController } from './external-ratings.controller.js';
import { ExternalRatingsRepository } from './external-ratings.repository.js';
import { ExternalRatingsService } from './external-ratings.service.js';
import { RatingsMergeParticipant } from './ratings-merge.participant.js';
import { ratingsRecomputeJob } from './ratings-recompute.job.js';
import { RatingsRepository } from './ratings.repository.js';
import { RatingsService } from './ratings.service.js';
import { ReviewModerationController } from './review-moderation.controller.js';
import { ReviewsController } from './reviews.controller.js';
import { ReviewsRepository } from './reviews.repository.js';
import { ReviewsService } from './reviews.service.js';

/** Own reviews, external ratings, rating statistics and ranking. */
@Module({})
export class ReviewsModule {
  /** The recompute job is scheduled only in the API process (CLI commands run `ratings:recompute` explicitly). */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ReviewsModule,
      imports: [
        TypeOrmModule.forFeature([Review, ReviewVote, ReviewReport, ReviewReply, RatingAggregateRow, ExternalRating, DoctorRating, RatingPrior]),
        DoctorsModule,
        AccountsModule,
        AuditModule,
        MailModule,
        SearchOutboxModule,
      ],
      controllers: [ReviewsController, ReviewModerationController, ExternalRatingsController],
      providers: [
        RatingsRepository,
        RatingsService,
        ReviewsRepository,
        ReviewsService,
        ExternalRatingsRepository,
        ExternalRatingsService,
        RatingsMergeParticipant,
        ...(config.role === 'api' ? [ratingsRecomputeJob(config.ratingsRecomputeCron)] : []),
      ],
      exports: [RatingsService, ExternalRatingsService],
    };
  }
}
