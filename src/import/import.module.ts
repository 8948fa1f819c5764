import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DoctorsModule } from '../doctors/doctors.module.js';
import { CmsImportService } from './cms/cms-import.service.js';
import { ImportRun } from './entities/import-run.entity.js';
import { ImportRunsRepository } from './import-runs.repository.js';

/** Importers of outside data (the CMS directory file); they write doctors through the doctors module's services. */
@Module({
  imports: [TypeOrmModule.forFeature([ImportRun]), DoctorsModule],
  providers: [ImportRunsRepository, CmsImportService],
  exports: [CmsImportService],
})
export class ImportModule {}
