import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RatingSummaryDto } from '../../reviews/dto/rating-summary.dto.js';
import { CLINICIAN_TYPES, type ClinicianType } from '../clinician-type.js';
import { GENDERS, type Gender, type ProvenanceSource } from '../entities/doctor.entity.js';
import { GEOCODE_STATUSES, type GeocodeStatus } from '../entities/practice-location.entity.js';

export class SpecialtyDto {
  @ApiProperty({ example: '207N00000X' }) code!: string;
  @ApiProperty({ example: 'Dermatology' }) name!: string;
  @ApiProperty({ example: 'Dermatologist' }) practitionerNoun!: string;
  @ApiProperty({ type: [String], example: ['skin doctor'] }) synonyms!: string[];
  @ApiProperty({ enum: CLINICIAN_TYPES }) clinicianType!: ClinicianType;
}

export class DoctorSpecialtyDto {
  @ApiProperty({ nullable: true, type: String, description: 'null for an imported specialty we could not map', example: '207N00000X' })
  code!: string | null;
  @ApiProperty({ example: 'Dermatology' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Dermatologist' }) practitionerNoun!: string | null;
  @ApiProperty() primary!: boolean;
}

export class CoordinatesDto {
  @ApiProperty({ example: 47.6062 }) lat!: number;
  @ApiProperty({ example: -122.3321 }) lng!: number;
}

export class GeocodeDto {
  @ApiProperty({ enum: GEOCODE_STATUSES, description: 'provided: coordinates sent by the client; matched/ambiguous: from the gazetteer; unknown: no coordinates' })
  status!: GeocodeStatus;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class LocationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) addressLine1!: string | null;
  @ApiProperty({ nullable: true, type: String }) addressLine2!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Seattle' }) city!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'WA' }) region!: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode!: string | null;
  @ApiProperty({ example: 'US' }) country!: string;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: CoordinatesDto }) coordinates!: CoordinatesDto | null;
  @ApiProperty({ type: GeocodeDto }) geocode!: GeocodeDto;
}

export class ProvenanceEntryDto {
  @ApiProperty({ enum: ['admin', 'moderator', 'doctor', 'import:cms', 'import:qa', 'demo'] }) source!: ProvenanceSource;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class DoctorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'sam-naficy-seattle' }) slug!: string;
  @ApiProperty({ example: 'Sam Naficy, MD, FACS' }) displayName!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty({ nullable: true, type: String }) middleName!: string | null;
  @ApiProperty() familyName!: string;
  @ApiProperty({ nullable: true, type: String }) nameSuffix!: string | null;
  @ApiProperty({ type: [String], example: ['MD', 'FACS'] }) credentials!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Credentials as originally written' }) credentialsRaw!: string | null;
  @ApiProperty({ enum: CLINICIAN_TYPES }) clinicianType!: ClinicianType;
  @ApiProperty({ nullable: true, type: String }) npi!: string | null;
  @ApiProperty({ nullable: true, enum: GENDERS }) gender!: Gender | null;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ nullable: true, type: String }) bio!: string | null;
  @ApiProperty({ nullable: true, type: String }) website!: string | null;
  @ApiProperty({ nullable: true, type: String }) photoUrl!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) telehealth!: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean }) acceptingNewPatients!: boolean | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acceptingNewPatientsVerifiedAt!: string | null;
  @ApiProperty({ type: [DoctorSpecialtyDto] }) specialties!: DoctorSpecialtyDto[];
  @ApiProperty({ type: [LocationDto] }) locations!: LocationDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) medicalSchool!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) graduationYear!: number | null;
  @ApiProperty({ type: [String] }) hospitalAffiliations!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ProvenanceEntryDto' }, description: 'Where each field came from' })
  provenance!: Record<string, ProvenanceEntryDto>;
  @ApiProperty({ type: RatingSummaryDto, description: 'Own reviews and external ratings pooled, with the ranking score; read-only' })
  rating!: RatingSummaryDto;
  @ApiProperty({ description: 'Generated demo data' }) isDemo!: boolean;
  @ApiProperty({ description: 'The doctor manages this profile (an approved claim)' }) claimed!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Also the ETag' }) version!: number;
}
