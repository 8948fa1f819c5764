import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult, TypeOrmHealthIndicator } from '@nestjs/terminus';

export interface ComponentHealth {
  status: 'up' | 'down' | 'degraded';
  [detail: string]: unknown;
}

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, ComponentHealth>;
}

/** Components other modules report on (search engine, sync backlog…) without being able to fail readiness. */
export abstract class ReadinessContributor {
  abstract readonly name: string;
  abstract check(): Promise<ComponentHealth>;
}

const DATABASE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  private readonly contributors: ReadinessContributor[] = [];

  constructor(
    private readonly healthChecks: HealthCheckService,
    private readonly typeorm: TypeOrmHealthIndicator,
  ) {}

  register(contributor: ReadinessContributor): void {
    this.contributors.push(contributor);
  }

  async readiness(): Promise<ReadinessReport> {
    const database = await this.checkDatabase();
    const checks: Record<string, ComponentHealth> = { database };
    for (const contributor of this.contributors) {
      checks[contributor.name] = await contributor.check().catch((error: unknown) => ({ status: 'degraded' as const, error: String(error) }));
    }
    return { status: database.status === 'up' ? 'ok' : 'unavailable', checks };
  }

  private async checkDatabase(): Promise<ComponentHealth> {
    let result: HealthCheckResult;
    try {
      result = await this.healthChecks.check([() => this.typeorm.pingCheck('database', { timeout: DATABASE_TIMEOUT_MS })]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      result = error.getResponse() as HealthCheckResult;
    }
    const database = result.details.database;
    return database?.status === 'up' ? { status: 'up' } : { status: 'down', error: String(database?.message ?? 'unreachable') };
  }
}
