import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.js';
import { Trim } from '../../common/validation/decorators.js';

/** Where and what: the directory filters shared by the list and by search. */
export class DirectoryFilterQueryDto {
  @ApiPropertyOptional({ example: 'Toronto', description: 'Case, accents and St./Saint ignored; boroughs match their city' })
  @IsOptional() @Trim() @IsString() @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({ example: 'ON' })
  @IsOptional() @Trim() @IsString() @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ example: 'CA' })
  @IsOptional() @IsString() @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ example: 'dermatology', description: 'NUCC code, name, practitioner noun or synonym' })
  @IsOptional() @Trim() @IsString() @MaxLength(100)
  specialty?: string;
}

export class ListDoctorsQueryDto extends IntersectionType(PageQueryDto, DirectoryFilterQueryDto) {
  @ApiPropertyOptional({ example: '1234567893' })
  @IsOptional() @IsString() @Matches(/^\d{10}$/, { message: 'must be 10 digits' })
  npi?: string;
}
