import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DoctorMergeParticipants } from '../doctors/moderation/doctor-merge-participants.js';
import { ExternalRatingsRepository } from './external-ratings.repository.js';
import { RatingsService } from './ratings.service.js';
import { ReviewsRepository } from './reviews.repository.js';

/** When two profiles of one person are merged, their reviews and external ratings become the kept profile's. */
@Injectable()
export class RatingsMergeParticipant implements OnModuleInit {
  constructor(
    private readonly participants: DoctorMergeParticipants,
    private readonly ratings: RatingsService,
    private readonly reviews: ReviewsRepository,
    private readonly externalRatings: ExternalRatingsRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register('ratings', (from, to) =>
      this.ratings.moveRatings(from, to, async () => {
        await this.reviews.moveToDoctor(from, to);
        await this.externalRatings.moveToDoctor(from, to);
      }),
    );
  }
}
