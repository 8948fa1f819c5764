import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, AuthConfig, DatabaseConfig, MailConfig, SearchConfig, type Configuration } from './configuration.js';

/** Provides each configuration namespace under its own class token, e.g. `constructor(private readonly auth: AuthConfig)`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: Configuration): DynamicModule {
    const providers = [
      { provide: AppConfig, useValue: config.app },
      { provide: DatabaseConfig, useValue: config.database },
      { provide: AuthConfig, useValue: config.auth },
      { provide: MailConfig, useValue: config.mail },
      { provide: SearchConfig, useValue: config.search },
    ];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
