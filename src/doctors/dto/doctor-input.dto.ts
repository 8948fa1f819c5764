import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO31661Alpha2,
  IsISO6391,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { IsOptionalNonNull, Trim, TrimEach } from '../../common/validation/decorators.js';
import { GENDERS, type Gender } from '../entities/doctor.entity.js';
import { isValidNpi } from '../npi.js';

/** Ten digits with a valid CMS Luhn check digit. */
export function IsNpi(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNpi',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a valid 10-digit NPI (Luhn check digit)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidNpi(value) },
    });
}

const PHONE = /^[0-9+().\-\s/x]{3,40}$/;
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true };

export class SpecialtyInputDto {
  @ApiPropertyOptional({ description: 'NUCC taxonomy code', example: '207N00000X' })
  @IsOptionalNonNull() @IsString() @Matches(/^[0-9A-Za-z]{10}$/, { message: 'must be a 10-character NUCC taxonomy code' })
  code?: string;

  @ApiPropertyOptional({ description: 'Specialty name, practitioner noun or synonym', example: 'Dermatology' })
  @IsOptionalNonNull() @Trim() @IsString() @IsNotEmpty() @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: 'Exactly one specialty is primary (the first one when none is marked)' })
  @IsOptionalNonNull() @IsBoolean()
  primary?: boolean;
}

export class LocationInputDto {
  @ApiPropertyOptional({ example: '1101 Madison St' })
  @IsOptional() @Trim() @IsString() @MaxLength(200)
  addressLine1?: string | null;

  @ApiPropertyOptional({ example: 'Suite 1280' })
  @IsOptional() @Trim() @IsString() @MaxLength(200)
  addressLine2?: string | null;

  @ApiPropertyOptional({ example: 'Seattle' })
  @IsOptional() @Trim() @IsString() @MaxLength(100)
  city?: string | null;

  @ApiPropertyOptional({ description: 'State, province or region (abbreviation or name)', example: 'WA' })
  @IsOptional() @Trim() @IsString() @MaxLength(100)
  region?: string | null;

  @ApiPropertyOptional({ example: '98104' })
  @IsOptional() @Trim() @IsString() @MaxLength(20)
  postalCode?: string | null;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'US' })
  @IsString() @IsISO31661Alpha2()
  country!: string;

  @ApiPropertyOptional({ example: '+1 206-555-0100' })
  @IsOptional() @Trim() @IsString() @Matches(PHONE, { message: 'must be a phone number' })
  phone?: string | null;

  @ApiPropertyOptional({ description: 'With longitude; otherwise geocoded from postal code or city' })
  @IsOptionalNonNull() @IsLatitude()
  latitude?: number;

  @ApiPropertyOptional()
  @IsOptionalNonNull() @IsLongitude()
  longitude?: number;
}

/** The profile fields a client may send when creating a doctor. Unknown fields (id, rating, owner…) are refused. */
export class CreateDoctorDto {
  @ApiProperty({ example: 'Sam' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100)
  givenName!: string;

  @ApiPropertyOptional()
  @IsOptional() @Trim() @IsString() @MaxLength(100)
  middleName?: string | null;

  @ApiProperty({ example: 'Naficy' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100)
  familyName!: string;

  @ApiPropertyOptional({ example: 'Jr.' })
  @IsOptional() @Trim() @IsString() @MaxLength(20)
  nameSuffix?: string | null;

  @ApiPropertyOptional({ example: ['MD', 'FACS'], description: 'Normalised on write: "M.D." → "MD"' })
  @IsOptionalNonNull() @IsArray() @ArrayMaxSize(12) @TrimEach() @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(30, { each: true })
  credentials?: string[];

  @ApiPropertyOptional({ example: '1234567893' })
  @IsOptional() @IsString() @IsNpi()
  npi?: string | null;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional() @IsIn(GENDERS)
  gender?: Gender | null;

  @ApiPropertyOptional({ example: ['en', 'fr'], description: 'ISO 639-1 codes' })
  @IsOptionalNonNull() @IsArray() @ArrayMaxSize(20) @IsISO6391({ each: true })
  languages?: string[];

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(5000)
  bio?: string | null;

  @ApiPropertyOptional({ example: 'https://example-clinic.com' })
  @IsOptional() @IsString() @MaxLength(500) @IsUrl(HTTP_URL)
  website?: string | null;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500) @IsUrl(HTTP_URL)
  photoUrl?: string | null;

  @ApiPropertyOptional()
  @IsOptional() @IsBoolean()
  telehealth?: boolean | null;

  @ApiPropertyOptional({ description: 'Writing it also records today as the date it was last verified' })
  @IsOptional() @IsBoolean()
  acceptingNewPatients?: boolean | null;

  @ApiProperty({ type: [SpecialtyInputDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => SpecialtyInputDto)
  specialties!: SpecialtyInputDto[];

  @ApiPropertyOptional({ type: [LocationInputDto] })
  @IsOptionalNonNull() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => LocationInputDto)
  locations?: LocationInputDto[];
}

/** What the owner doctor may change; names, NPI and credentials stay with moderators. */
export const OWNER_FIELDS: ReadonlySet<string> = new Set([
  'bio',
  'languages',
  'website',
  'photoUrl',
  'locations',
  'telehealth',
  'acceptingNewPatients',
  'specialties',
  'gender',
] satisfies (keyof CreateDoctorDto)[]);

/**
 * Every field optional; `null` clears a nullable field but is refused for required ones (names, specialties);
 * lists (specialties, locations, languages, credentials) are replaced as a whole.
 */
export class UpdateDoctorDto extends PartialType(CreateDoctorDto, { skipNullProperties: false }) {}
