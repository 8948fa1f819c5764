import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SearchOutboxEntry } from './search-outbox.entity.js';
import { SearchOutbox } from './search-outbox.service.js';

/** Kept apart from the search module so writers can depend on it without depending on the engines. */
@Module({
  imports: [TypeOrmModule.forFeature([SearchOutboxEntry])],
  providers: [SearchOutbox],
  exports: [SearchOutbox],
})
export class SearchOutboxModule {}
