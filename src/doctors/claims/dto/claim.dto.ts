import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination.js';
import { Trim } from '../../../common/validation/decorators.js';
import { IsNpi } from '../../dto/doctor-input.dto.js';
import { CLAIM_STATUSES, type ClaimStatus } from '../entities/doctor-claim.entity.js';

export class CreateClaimDto {
  @ApiProperty({ example: '1234567893', description: 'Your NPI' })
  @IsString() @IsNpi()
  npi!: string;

  @ApiPropertyOptional({ example: 'MD-60512' })
  @IsOptional() @Trim() @IsString() @IsNotEmpty() @MaxLength(50)
  licenseNumber?: string;

  @ApiPropertyOptional({ example: 'WA', description: 'Licensing state, province or country' })
  @IsOptional() @Trim() @IsString() @IsNotEmpty() @MaxLength(100)
  licenseRegion?: string;

  @ApiPropertyOptional({ example: 'office@clinic.com', description: 'Where the practice can be reached to confirm' })
  @IsOptional() @Trim() @IsEmail({}, { message: 'must be an e-mail address' }) @MaxLength(254)
  practiceEmail?: string;
}

export class RejectClaimDto {
  @ApiProperty({ example: 'The NPI belongs to another doctor' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(1000)
  reason!: string;
}

export class ClaimsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES, default: 'pending' })
  @IsOptional() @IsIn(CLAIM_STATUSES)
  status?: ClaimStatus;
}

export class ClaimEvidenceDto {
  @ApiProperty() npi!: string;
  @ApiProperty({ nullable: true, type: String }) licenseNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) licenseRegion!: string | null;
  @ApiProperty({ nullable: true, type: String }) practiceEmail!: string | null;
}

export class ClaimantDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null once the account is deleted' }) accountId!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
}

export class ClaimedProfileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The NPI on record' }) npi!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The website on record' }) website!: string | null;
}

export class ClaimDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status!: ClaimStatus;
  @ApiProperty({ type: ClaimedProfileDto }) doctor!: ClaimedProfileDto;
  @ApiProperty({ type: ClaimantDto }) claimant!: ClaimantDto;
  @ApiProperty({ type: ClaimEvidenceDto }) evidence!: ClaimEvidenceDto;
  @ApiProperty({ description: 'Approved because the verified e-mail is at the website domain' }) autoApproved!: boolean;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
