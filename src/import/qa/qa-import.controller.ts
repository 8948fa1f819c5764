import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../auth/auth.decorators.js';
import { ImportQaPageDto, QaPageImportDto } from './dto/qa-import.dto.js';
import { QaImportService, summarise } from './qa-import.service.js';

@ApiTags('imports')
@Controller({ path: 'imports', version: '1' })
@Authenticated('moderator', 'admin')
export class QaImportController {
  constructor(private readonly importer: QaImportService) {}

  @Post('qa-pages')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: QaPageImportDto, description: 'Imported in one transaction; importing the same page again adds nothing' })
  async importPage(@Body() dto: ImportQaPageDto): Promise<QaPageImportDto> {
    const page = await this.importer.importPage(dto);
    const { doctorsCreated, doctorsLinked, unattributed, queued, warnings } = summarise([page]);
    return { questionId: page.questionId, answers: page.answers, added: page.added, doctorsCreated, doctorsLinked, unattributed, queued, warnings };
  }
}
