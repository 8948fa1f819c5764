import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { DoctorsModule } from '../doctors/doctors.module.js';
import { SearchOutboxModule } from '../search/outbox/search-outbox.module.js';
import { AnswerDocumentSource } from '../search/sync/search-sync.service.js';
import { QaAnswerDocuments } from './answer-documents.js';
import { AnswerMention } from './entities/answer-mention.entity.js';
import { Answer } from './entities/answer.entity.js';
import { Question } from './entities/question.entity.js';
import { QaModerationController } from './qa-moderation.controller.js';
import { QaController } from './qa.controller.js';
import { QaRepository } from './qa.repository.js';
import { QaService } from './qa.service.js';

/** Questions, doctors' answers linked to their profiles, and the answer documents search indexes. */
@Module({
  imports: [TypeOrmModule.forFeature([Question, Answer, AnswerMention]), DoctorsModule, AuditModule, SearchOutboxModule],
  controllers: [QaController, QaModerationController],
  providers: [QaRepository, QaService, { provide: AnswerDocumentSource, useClass: QaAnswerDocuments }],
  exports: [QaService, AnswerDocumentSource],
})
export class QaModule {}
