import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthService, ReadinessContributor, type ComponentHealth } from '../health/health.service.js';
import { SearchEngine } from './search-engine.js';
import { SearchSyncRepository } from './sync/search-sync.repository.js';

/** A backlog whose oldest change waits longer than this means the index lags behind: degraded. */
const LAG_TOLERANCE_SECONDS = 60;

/** `search` in /health/ready: the engine and the sync backlog; never fails readiness (writes still succeed). */
@Injectable()
export class SearchHealth extends ReadinessContributor implements OnModuleInit {
  readonly name = 'search';

  constructor(
    private readonly health: HealthService,
    private readonly engine: SearchEngine,
    private readonly sync: SearchSyncRepository,
  ) {
    super();
  }

  onModuleInit(): void {
    this.health.register(this);
  }

  async check(): Promise<ComponentHealth> {
    const [available, backlog] = await Promise.all([this.engine.isAvailable().catch(() => false), this.sync.backlog()]);
    const lagging = (backlog.oldestAgeSeconds ?? 0) > LAG_TOLERANCE_SECONDS || backlog.failing > 0;
    return {
      status: available && !lagging ? 'up' : 'degraded',
      engine: this.engine.name,
      engineAvailable: available,
      backlog: backlog.size,
      oldestAgeSeconds: backlog.oldestAgeSeconds === null ? null : Math.round(backlog.oldestAgeSeconds),
    };
  }
}
