import { Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Interval } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AuthConfig } from '../config/configuration.js';
import { MailModule } from '../mail/mail.module.js';
import { AccountTokensRepository } from './account-tokens.repository.js';
import { AuthFlows } from './auth-flows.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { AccountToken } from './entities/account-token.entity.js';
import { AuthSession } from './entities/auth-session.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { SessionTokens } from './session-tokens.service.js';
import { SessionsRepository } from './sessions.repository.js';

const ISSUER = 'docfinder';
const AUDIENCE = 'docfinder-api';

/** Drops ended sessions, old e-mail tokens and expired login-failure counters (API process only). */
@Injectable()
class AuthMaintenance {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly emailTokens: AccountTokensRepository,
    private readonly throttle: LoginThrottleRepository,
  ) {}

  @Interval(15 * 60_000)
  async purge(): Promise<void> {
    await this.sessions.purgeEnded();
    await this.emailTokens.purgeExpired();
    await this.throttle.purgeExpired();
  }
}

@Module({
  imports: [
    TypeOrmModule.forFeature([AuthSession, RefreshToken, AccountToken]),
    JwtModule.registerAsync({
      inject: [AuthConfig],
      useFactory: (config: AuthConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: config.accessTtlSeconds, issuer: ISSUER, audience: AUDIENCE },
        // An explicit list: a token whose header says `none` (or any other algorithm) is refused.
        verifyOptions: { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE },
      }),
    }),
    AccountsModule,
    MailModule,
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthFlows,
    SessionTokens,
    SessionsRepository,
    AccountTokensRepository,
    LoginThrottleRepository,
    AuthMaintenance,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
