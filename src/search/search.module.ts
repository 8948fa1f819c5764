import { Module } from '@nestjs/common';
import { SearchConfig } from '../config/configuration.js';
import { Database } from '../database/database.js';
import { DoctorsModule } from '../doctors/doctors.module.js';
import { QaModule } from '../qa/qa.module.js';
import { MeilisearchEngine } from './engines/meilisearch/meilisearch.engine.js';
import { PostgresSearchEngine } from './engines/postgres/postgres-search.engine.js';
import { SearchOutboxModule } from './outbox/search-outbox.module.js';
import { SearchEngine } from './search-engine.js';
import { SearchHealth } from './search-health.js';
import { SearchController } from './search.controller.js';
import { SearchService } from './search.service.js';
import { SearchSyncRepository } from './sync/search-sync.repository.js';
import { SearchSyncService } from './sync/search-sync.service.js';

@Module({
  imports: [DoctorsModule, SearchOutboxModule, QaModule],
  controllers: [SearchController],
  providers: [
    {
      provide: SearchEngine,
      inject: [SearchConfig, Database],
      useFactory: (config: SearchConfig, db: Database): SearchEngine =>
        config.engine === 'meilisearch' ? new MeilisearchEngine(config) : new PostgresSearchEngine(db),
    },
    SearchService,
    SearchSyncRepository,
    SearchSyncService,
    SearchHealth,
  ],
  exports: [SearchService, SearchSyncService],
})
export class SearchModule {}
