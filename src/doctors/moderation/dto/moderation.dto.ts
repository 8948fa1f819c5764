import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination.js';
import type { ProvenanceSource } from '../../entities/doctor.entity.js';
import { MERGE_CANDIDATE_STATUSES, type MergeCandidateStatus } from '../../entities/merge-candidate.entity.js';
import { CONFLICT_STATUSES, type ConflictStatus } from '../../entities/profile-conflict.entity.js';

const PROVENANCE_SOURCES = ['admin', 'moderator', 'doctor', 'import:cms', 'import:qa', 'demo'];

export class ListConflictsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONFLICT_STATUSES, default: 'pending' })
  @IsOptional() @IsIn(CONFLICT_STATUSES)
  status?: ConflictStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only conflicts of this profile' })
  @IsOptional() @IsUUID()
  doctorId?: string;
}

export class ResolveConflictDto {
  @ApiProperty({ enum: ['accept', 'dismiss'], description: 'accept: write the proposed value (provenance moderator); dismiss: keep the current one' })
  @IsIn(['accept', 'dismiss'])
  action!: 'accept' | 'dismiss';
}

export class DoctorSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) npi!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'City of the first location' }) city!: string | null;
  @ApiProperty({ description: 'False once the profile was merged away or deleted' }) live!: boolean;
}

export class ConflictDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: DoctorSummaryDto }) doctor!: DoctorSummaryDto;
  @ApiProperty({ example: 'medicalSchool', description: 'The profile field, as named in the API and in provenance' }) field!: string;
  @ApiProperty({ nullable: true, description: 'The value the profile has' }) currentValue!: unknown;
  @ApiProperty({ enum: PROVENANCE_SOURCES, description: 'Who set the current value' }) currentSource!: ProvenanceSource;
  @ApiProperty({ nullable: true, description: 'The value the import proposed' }) proposedValue!: unknown;
  @ApiProperty({ enum: PROVENANCE_SOURCES, example: 'import:cms' }) source!: ProvenanceSource;
  @ApiProperty({ nullable: true, type: String, description: 'The file the proposal came from' }) origin!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The import run' }) runId!: string | null;
  @ApiProperty({ enum: CONFLICT_STATUSES }) status!: ConflictStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Account that resolved it (null for the admin token)' })
  resolvedBy!: string | null;
}

export class ListMergeCandidatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MERGE_CANDIDATE_STATUSES, default: 'pending' })
  @IsOptional() @IsIn(MERGE_CANDIDATE_STATUSES)
  status?: MergeCandidateStatus;
}

export class MergeCandidateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: DoctorSummaryDto, description: 'The newer profile (e.g. created by an import)' }) doctor!: DoctorSummaryDto;
  @ApiProperty({ type: DoctorSummaryDto, description: 'The existing profile it may duplicate' }) candidate!: DoctorSummaryDto;
  @ApiProperty({ example: 0.8, description: 'Matcher score, 0 to 1' }) score!: number;
  @ApiProperty({ type: [String], example: ['same family name', 'same given name', 'same city'] }) reasons!: string[];
  @ApiProperty({ example: 'import:cms' }) source!: string;
  @ApiProperty({ enum: MERGE_CANDIDATE_STATUSES }) status!: MergeCandidateStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt!: string | null;
}

export class MergeDoctorsDto {
  @ApiProperty({ format: 'uuid', description: 'The profile that stays' })
  @IsUUID()
  keepId!: string;

  @ApiProperty({ format: 'uuid', description: 'The profile merged into it: soft-deleted, its slugs redirect to the kept one' })
  @IsUUID()
  mergeId!: string;
}
