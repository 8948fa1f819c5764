import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { RequestContextInterceptor } from './common/context/request-context.js';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter.js';
import { LoggingModule } from './common/logging/logging.module.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { ConfigModule } from './config/config.module.js';
import type { Configuration } from './config/configuration.js';
import { DoctorsModule } from './doctors/doctors.module.js';
import { DatabaseModule } from './database/database.module.js';
import type { EmbeddedPostgresHandle } from './database/embedded-postgres.js';
import { HealthModule } from './health/health.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { SearchModule } from './search/search.module.js';
import { ImportModule } from './import/import.module.js';
import { QaModule } from './qa/qa.module.js';

/** The whole application; the API and every CLI command build this same graph. */
@Module({})
export class AppModule {
  static forRoot(config: Configuration, embedded?: EmbeddedPostgresHandle): DynamicModule {
    const reviews = ReviewsModule.forRoot(config.app);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config.app),
        DatabaseModule.forRoot(embedded),
        // Background jobs belong to the API process; CLI commands run their work explicitly.
        ...(config.app.role === 'api' ? [ScheduleModule.forRoot()] : []),
        AuthModule,
        RateLimitModule,
        HealthModule,
        AuditModule,
        AccountsModule,
        DoctorsModule,
        reviews,
        QaModule,
        SearchModule,
        ImportModule.forRoot(reviews),
      ],
      providers: [
        // Registered as providers (not app.useGlobal*) so tests that build the module get them too.
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
      ],
    };
  }
}
