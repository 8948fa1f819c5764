import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthService, ReadinessContributor, type ComponentHealth } from '../health/health.service.js';
import { SearchEngine } from './search-engine.js';
import { SearchSyncRepository } from './sync/search-sync.repository.js';

/** A backlog whose oldest change waits longer than this means the index lags behind: degraded. */
const LAG_TOLERANCE_SECONDS = 60;
/** A hanging engine must not hold up the readiness probe. */
const ENGINE_CHECK_TIMEOUT_MS = 2_000;

function withinTimeout(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ENGINE_CHECK_TIMEOUT_MS);
  });
  return Promise.race([check.catch(() => false), timeout]).finally(() => clearTimeout(timer));
}

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
    const [available, backlog] = await Promise.all([withinTimeout(this.engine.isAvailable()), this.sync.backlog()]);
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
