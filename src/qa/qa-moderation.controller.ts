import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators.js';
import { HideDto } from './dto/qa-input.dto.js';
import { QaService } from './qa.service.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Takedowns (a request from the author or the source): hidden content leaves the API and the index. */
@ApiTags('moderation')
@Controller({ path: 'moderation', version: '1' })
@Authenticated('moderator', 'admin')
export class QaModerationController {
  constructor(private readonly qa: QaService) {}

  @Post('answers/:id/hide')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  hideAnswer(@Param('id', uuid) id: string, @Body() dto: HideDto): Promise<void> {
    return this.qa.hideAnswer(id, dto.reason);
  }

  @Post('questions/:id/hide')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The question and all its answers' })
  hideQuestion(@Param('id', uuid) id: string, @Body() dto: HideDto): Promise<void> {
    return this.qa.hideQuestion(id, dto.reason);
  }
}
