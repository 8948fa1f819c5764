import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DoctorsModule } from '../doctors/doctors.module.js';
import { QaModule } from '../qa/qa.module.js';
import { CmsImportService } from './cms/cms-import.service.js';
import { ImportRun } from './entities/import-run.entity.js';
import { ImportRunsRepository } from './import-runs.repository.js';
import { QaAuthorResolver } from './qa/author-resolver.js';
import { QaImportController } from './qa/qa-import.controller.js';
import { QaImportService } from './qa/qa-import.service.js';

/**
 * Importers of outside data (the CMS directory file, Q&A pages); they write through the doctors, Q&A and reviews
 * modules' services. `reviews` is the app's ReviewsModule (configured at boot), for external ratings.
 */
@Module({})
export class ImportModule {
  static forRoot(reviews: DynamicModule): DynamicModule {
    return {
      module: ImportModule,
      imports: [TypeOrmModule.forFeature([ImportRun]), DoctorsModule, QaModule, reviews],
      controllers: [QaImportController],
      providers: [ImportRunsRepository, CmsImportService, QaAuthorResolver, QaImportService],
      exports: [CmsImportService, QaImportService],
    };
  }
}
