import { Injectable } from '@nestjs/common';
import { foldForMatch } from '../common/text/fold.js';
import { DoctorsService } from '../doctors/doctors.service.js';
import type { AnswerSearchDocument } from '../search/search-documents.js';
import { AnswerDocumentSource } from '../search/sync/search-sync.service.js';
import { profileUrlOf } from './qa.presenter.js';
import { QaRepository } from './qa.repository.js';

/** Answer documents for both search engines: visible answers only, with their author's profile and specialties. */
@Injectable()
export class QaAnswerDocuments extends AnswerDocumentSource {
  constructor(
    private readonly qa: QaRepository,
    private readonly doctors: DoctorsService,
  ) {
    super();
  }

  async load(ids: readonly string[]): Promise<AnswerSearchDocument[]> {
    const rows = await this.qa.findVisibleAnswers(ids);
    const authorIds = [...new Set(rows.flatMap((row) => (row.author_doctor_id ? [row.author_doctor_id] : [])))];
    const authors = new Map((await this.doctors.findProfiles(authorIds)).map((doctor) => [doctor.id, doctor]));
    return rows.map((row) => {
      const author = row.author_doctor_id ? authors.get(row.author_doctor_id) : undefined;
      return {
        id: row.id,
        questionId: row.question_id,
        questionTitle: row.question_title,
        questionSlug: row.question_slug,
        body: row.body,
        author: author ? { doctorId: author.id, slug: author.slug, displayName: author.displayName, profileUrl: profileUrlOf(author.slug) } : null,
        specialtyCodes: author ? author.specialties.flatMap((s) => (s.code ? [s.code] : [])) : [],
        titleText: foldForMatch(row.question_title),
        bodyText: foldForMatch([row.title ?? '', row.body].join(' ')),
        createdAt: row.created_at.toISOString(),
      };
    });
  }

  pageIds(after: string | undefined, limit: number): Promise<string[]> {
    return this.qa.pageIds(after, limit);
  }
}
