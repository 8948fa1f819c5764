import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { EmailField } from '../../accounts/dto/account.dto.js';
import { IsAcceptablePassword } from '../../accounts/passwords/is-acceptable-password.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../accounts/passwords/password-policy.js';

export class LoginDto {
  @ApiProperty({ example: 'ann@example.org' })
  @EmailField()
  email!: string;

  // Not the password policy: a password set before a rule changed must still sign in. The cap only bounds the work.
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(1000)
  password!: string;
}

/** A refresh token, or an e-mailed verification / reset token. */
export class TokenDto {
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(200)
  token!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(200)
  refreshToken!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'ann@example.org' })
  @EmailField()
  email!: string;
}

export class PasswordResetConfirmDto extends TokenDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, description: 'Not on the list of common passwords' })
  @IsAcceptablePassword()
  password!: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT (HS256) for `Authorization: Bearer`' }) accessToken!: string;
  @ApiProperty({ description: 'Single use: POST /v1/auth/refresh returns a new pair' }) refreshToken!: string;
  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 }) expiresIn!: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
}
