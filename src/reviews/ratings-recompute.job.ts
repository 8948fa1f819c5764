import { Injectable, Logger, type Type } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { RatingsService } from './ratings.service.js';

/**
 * The scheduled priors recompute. Declared per application because its schedule comes from configuration
 * (RATINGS_RECOMPUTE_CRON), which decorators cannot read at import time.
 */
export function ratingsRecomputeJob(cronExpression: string): Type<unknown> {
  @Injectable()
  class RatingsRecomputeJob {
    private readonly logger = new Logger('RatingsRecompute');

    constructor(private readonly ratings: RatingsService) {}

    @Cron(cronExpression, { name: 'ratings-recompute', waitForCompletion: true })
    async run(): Promise<void> {
      const result = await this.ratings.recompute();
      if (result.ran) this.logger.log(`recomputed ${result.priors} priors; re-scored ${result.rescored} doctors`);
      else this.logger.log('skipped: another process is recomputing');
    }
  }
  return RatingsRecomputeJob;
}
