import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../auth/principal.js';
import { PageQueryDto } from '../../common/http/pagination.js';
import { Trim } from '../../common/validation/decorators.js';
import { normaliseEmail } from '../email.js';
import { IsAcceptablePassword } from '../passwords/is-acceptable-password.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords/password-policy.js';

export const SELF_SERVICE_ROLES = ['patient', 'doctor'] as const;
export type SelfServiceRole = (typeof SELF_SERVICE_ROLES)[number];
export const GRANTED_ROLES = ['moderator', 'admin'] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];

/** An e-mail field: normalised before it is validated, so " Ann@X.org" and "ann@x.org" are one address. */
export const EmailField = (): PropertyDecorator => (target, key) => {
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseEmail(value) : value))(target, key);
  IsEmail({}, { message: 'must be an e-mail address' })(target, key);
  MaxLength(254)(target, key);
};

export class RegisterDto {
  @ApiProperty({ example: 'ann@example.org' })
  @EmailField()
  email!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, description: 'Not on the list of common passwords' })
  @IsAcceptablePassword()
  password!: string;

  @ApiProperty({ enum: SELF_SERVICE_ROLES, description: 'moderator and admin are granted by an admin' })
  @IsIn(SELF_SERVICE_ROLES, { message: 'must be patient or doctor (moderator and admin are granted by an admin)' })
  role!: SelfServiceRole;

  @ApiProperty({ example: 'Ann Lee' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100)
  displayName!: string;
}

export class GrantRoleDto {
  @ApiProperty({ enum: GRANTED_ROLES })
  @IsIn(GRANTED_ROLES, { message: 'must be moderator or admin (patient and doctor are chosen at registration)' })
  role!: GrantedRole;
}

export class AccountRoleParams extends GrantRoleDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class AccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'ann@example.org' })
  @IsOptional() @EmailField()
  email?: string;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty() emailVerified!: boolean;
  @ApiProperty({ type: [String], description: 'Profiles this account owns' }) ownedDoctorIds!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
