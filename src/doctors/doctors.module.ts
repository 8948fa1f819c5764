import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { SearchOutboxModule } from '../search/outbox/search-outbox.module.js';
import { ClaimsController, ClaimsModerationController } from './claims/claims.controller.js';
import { ClaimsRepository } from './claims/claims.repository.js';
import { ClaimsService } from './claims/claims.service.js';
import { DoctorClaim } from './claims/entities/doctor-claim.entity.js';
import { DirectoryBulkRepository } from './bulk/directory-bulk.repository.js';
import { DoctorsBulkWriter } from './bulk/doctors-bulk-writer.service.js';
import { DemoDataService } from './demo/demo-data.service.js';
import { DoctorsController } from './doctors.controller.js';
import { DoctorsRepository } from './doctors.repository.js';
import { DoctorsService } from './doctors.service.js';
import { DoctorSlugRedirect } from './entities/doctor-slug-redirect.entity.js';
import { DoctorSourceRecord } from './entities/doctor-source-record.entity.js';
import { DoctorSpecialty } from './entities/doctor-specialty.entity.js';
import { Doctor } from './entities/doctor.entity.js';
import { MergeCandidate } from './entities/merge-candidate.entity.js';
import { PracticeLocation } from './entities/practice-location.entity.js';
import { ProfileConflict } from './entities/profile-conflict.entity.js';
import { Specialty } from './entities/specialty.entity.js';
import { DoctorMatcher } from './matching/doctor-matcher.js';
import { DoctorMergeParticipants } from './moderation/doctor-merge-participants.js';
import { DoctorMergeService } from './moderation/doctor-merge.service.js';
import { ModerationController } from './moderation/moderation.controller.js';
import { ModerationRepository } from './moderation/moderation.repository.js';
import { ProfileConflictsService } from './moderation/profile-conflicts.service.js';
import { ProfileWriter } from './profile-writer.js';
import { SpecialtiesController } from './specialties/specialties.controller.js';
import { SpecialtiesService } from './specialties/specialties.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Doctor, DoctorSpecialty, PracticeLocation, Specialty, DoctorSlugRedirect, DoctorClaim, DoctorSourceRecord, ProfileConflict, MergeCandidate]), SearchOutboxModule, AuditModule],
  controllers: [DoctorsController, SpecialtiesController, ClaimsController, ClaimsModerationController, ModerationController],
  providers: [
    DoctorsRepository,
    DoctorsService,
    ProfileWriter,
    SpecialtiesService,
    DemoDataService,
    DirectoryBulkRepository,
    DoctorsBulkWriter,
    DoctorMatcher,
    ModerationRepository,
    ProfileConflictsService,
    DoctorMergeService,
    DoctorMergeParticipants,
    ClaimsRepository,
    ClaimsService,
  ],
  exports: [DoctorsService, SpecialtiesService, DemoDataService, DoctorsBulkWriter, DoctorMatcher, DoctorMergeService, DoctorMergeParticipants],
})
export class DoctorsModule {}
