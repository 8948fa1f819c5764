import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountDto, RegisterDto } from '../accounts/dto/account.dto.js';
import { Authenticated, CurrentPrincipal } from './auth.decorators.js';
import { AuthFlows } from './auth-flows.service.js';
import { LoginDto, PasswordResetConfirmDto, PasswordResetRequestDto, RefreshDto, TokenDto, TokenPairDto } from './dto/auth.dto.js';
import type { Principal } from './principal.js';

/** Every route here is also limited per IP by the `auth` throttler (RATE_LIMIT_AUTH). */
@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly flows: AuthFlows) {}

  @Post('register')
  @ApiCreatedResponse({ type: AccountDto, description: 'The account; a verification e-mail is on its way' })
  register(@Body() dto: RegisterDto): Promise<AccountDto> {
    return this.flows.register(dto);
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokenPairDto })
  login(@Body() dto: LoginDto): Promise<TokenPairDto> {
    return this.flows.login(dto);
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.flows.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The session is revoked: its refresh and access tokens stop working' })
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.flows.logout(principal);
  }

  @Post('verify-email')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  async verifyEmail(@Body() dto: TokenDto): Promise<void> {
    await this.flows.verifyEmail(dto.token);
  }

  @Post('password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Answered alike whether or not the e-mail has an account' })
  async requestPasswordReset(@Body() dto: PasswordResetRequestDto): Promise<void> {
    await this.flows.requestPasswordReset(dto.email);
  }

  @Post('password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Password changed; every session of the account is ended' })
  async confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.flows.confirmPasswordReset(dto);
  }
}
