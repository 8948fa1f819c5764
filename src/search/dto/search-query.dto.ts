import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO6391, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../common/http/pagination.js';
import { ToBoolean, Trim } from '../../common/validation/decorators.js';
import { CLINICIAN_TYPES, type ClinicianType } from '../../doctors/clinician-type.js';
import { DirectoryFilterQueryDto } from '../../doctors/dto/doctor-query.dto.js';
import { DOCTOR_FACETS, DOCTOR_SORTS, MAX_TOTAL_HITS, type DoctorFacet, type DoctorSort } from '../search-engine.js';

export const MAX_QUERY_LENGTH = 512;
export const MAX_RADIUS_KM = 500;

/** `?q=&page=&pageSize=`, shared by the search endpoints. */
export class SearchPageQueryDto {
  @ApiPropertyOptional({ maxLength: MAX_QUERY_LENGTH, example: 'dermatologist seattle' })
  @IsOptional() @Trim() @IsString() @MaxLength(MAX_QUERY_LENGTH)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1, description: `Results past the first ${MAX_TOTAL_HITS} are not reachable` })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_TOTAL_HITS)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export class SearchDoctorsQueryDto extends IntersectionType(SearchPageQueryDto, DirectoryFilterQueryDto) {
  @ApiPropertyOptional({ example: 40.7831, description: 'With lng: distances, sort=distance and radiusKm' })
  @IsOptional() @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90)
  lat?: number;

  @ApiPropertyOptional({ example: -73.9712 })
  @IsOptional() @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180)
  lng?: number;

  @ApiPropertyOptional({ example: 25, maximum: MAX_RADIUS_KM, description: 'Needs lat and lng' })
  @IsOptional() @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0.1) @Max(MAX_RADIUS_KM)
  radiusKm?: number;

  @ApiPropertyOptional({ example: 'es', description: 'ISO 639-1 code' })
  @IsOptional() @IsString() @IsISO6391()
  language?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @ToBoolean() @IsBoolean()
  acceptingNewPatients?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @ToBoolean() @IsBoolean()
  telehealth?: boolean;

  @ApiPropertyOptional({ enum: CLINICIAN_TYPES })
  @IsOptional() @IsIn(CLINICIAN_TYPES)
  clinicianType?: ClinicianType;

  @ApiPropertyOptional({ minimum: 0, maximum: 5, description: 'Minimum average rating' })
  @IsOptional() @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(5)
  minRating?: number;

  @ApiPropertyOptional({ enum: DOCTOR_SORTS, default: 'relevance', description: 'distance needs lat and lng' })
  @IsOptional() @IsIn(DOCTOR_SORTS)
  sort?: DoctorSort;

  @ApiPropertyOptional({ description: `Comma-separated: ${DOCTOR_FACETS.join(', ')}`, example: 'specialty,city' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((facet) => facet.trim()) : value))
  @IsIn(DOCTOR_FACETS, { each: true, message: `each value in facets must be one of: ${DOCTOR_FACETS.join(', ')}` })
  facets?: DoctorFacet[];
}

export class SearchAnswersQueryDto extends SearchPageQueryDto {
  @ApiPropertyOptional({ example: 'dermatology', description: 'NUCC code, name, practitioner noun or synonym' })
  @IsOptional() @Trim() @IsString() @MaxLength(100)
  specialty?: string;

  @ApiPropertyOptional({ description: "The answering doctor's id or slug" })
  @IsOptional() @Trim() @IsString() @MaxLength(200)
  doctor?: string;
}

export class SuggestQueryDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100, example: 'derm' })
  @Trim() @IsString() @MinLength(2) @MaxLength(100)
  q!: string;
}
