import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { SearchOutboxModule } from '../search/outbox/search-outbox.module.js';
import { ClaimsController, ClaimsModerationController } from './claims/claims.controller.js';
import { ClaimsRepository } from './claims/claims.repository.js';
import { ClaimsService } from './claims/claims.service.js';
import { DoctorClaim } from './claims/entities/doctor-claim.entity.js';
import { DemoDataService } from './demo/demo-data.service.js';
import { DoctorsController } from './doctors.controller.js';
import { DoctorsRepository } from './doctors.repository.js';
import { DoctorsService } from './doctors.service.js';
import { DoctorSlugRedirect } from './entities/doctor-slug-redirect.entity.js';
import { DoctorSpecialty } from './entities/doctor-specialty.entity.js';
import { Doctor } from './entities/doctor.entity.js';
import { PracticeLocation } from './entities/practice-location.entity.js';
import { Specialty } from './entities/specialty.entity.js';
import { SpecialtiesController } from './specialties/specialties.controller.js';
import { SpecialtiesService } from './specialties/specialties.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Doctor, DoctorSpecialty, PracticeLocation, Specialty, DoctorSlugRedirect, DoctorClaim]), SearchOutboxModule, AuditModule],
  controllers: [DoctorsController, SpecialtiesController, ClaimsController, ClaimsModerationController],
  providers: [DoctorsRepository, DoctorsService, SpecialtiesService, DemoDataService, ClaimsRepository, ClaimsService],
  exports: [DoctorsService, SpecialtiesService, DemoDataService],
})
export class DoctorsModule {}
