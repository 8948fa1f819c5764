import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiMovedPermanentlyResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiPageResponse, PageQueryDto, type Page } from '../common/http/pagination.js';
import { AnswerQuestionDto, AskQuestionDto, ListQuestionsQueryDto } from './dto/qa-input.dto.js';
import { AnswerDto, DoctorAnswerDto, QuestionDto, QuestionSummaryDto } from './dto/qa-response.dto.js';
import { QaService } from './qa.service.js';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('questions and answers')
@Controller({ version: '1' })
export class QaController {
  constructor(private readonly qa: QaService) {}

  @Post('questions')
  @Authenticated('patient', 'moderator', 'admin')
  @ApiCreatedResponse({ type: QuestionDto })
  async ask(@CurrentPrincipal() principal: Principal, @Body() dto: AskQuestionDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<QuestionDto> {
    const question = await this.qa.ask(principal, dto);
    void reply.status(HttpStatus.CREATED).header('location', `/v1/questions/${question.slug}`);
    return question;
  }

  @Get('questions')
  @ApiPageResponse(QuestionSummaryDto)
  list(@Query() query: ListQuestionsQueryDto): Promise<Page<QuestionSummaryDto>> {
    return this.qa.listQuestions(query);
  }

  @Get('questions/:idOrSlug')
  @ApiOkResponse({ type: QuestionDto, description: 'The question with its visible answers in page order, each linked to its author' })
  get(@Param('idOrSlug') idOrSlug: string): Promise<QuestionDto> {
    return this.qa.getQuestion(idOrSlug);
  }

  @Post('questions/:id/answers')
  @Authenticated('doctor')
  @ApiCreatedResponse({ type: AnswerDto, description: 'Answered as the profile the doctor owns' })
  async answer(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) questionId: string,
    @Body() dto: AnswerQuestionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AnswerDto> {
    const answer = await this.qa.answer(principal, questionId, dto);
    void reply.status(HttpStatus.CREATED).header('location', `/v1/answers/${answer.id}`);
    return answer;
  }

  @Get('answers/:id')
  @ApiOkResponse({ type: AnswerDto })
  getAnswer(@Param('id', uuid) id: string): Promise<AnswerDto> {
    return this.qa.getAnswer(id);
  }

  @Get('doctors/:idOrSlug/answers')
  @ApiPageResponse(DoctorAnswerDto)
  @ApiMovedPermanentlyResponse({ description: 'An old slug: Location has the current one' })
  async doctorAnswers(
    @Param('idOrSlug') idOrSlug: string,
    @Query() query: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<DoctorAnswerDto> | undefined> {
    const result = await this.qa.doctorAnswers(idOrSlug, query);
    if ('moved' in result) {
      void reply.status(HttpStatus.MOVED_PERMANENTLY).header('location', `/v1/doctors/${result.moved}/answers`);
      return undefined;
    }
    return result.page;
  }
}
