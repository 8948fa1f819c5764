import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { etagOf } from '../common/http/etag.js';
import { ApiPageResponse, type Page } from '../common/http/pagination.js';
import { ModerationDecisionDto } from './dto/review-input.dto.js';
import { ModerationQueueQueryDto } from './dto/review-query.dto.js';
import { ReviewDto } from './dto/review-response.dto.js';
import type { ModerationAction } from './review-lifecycle.js';
import { ReviewsService } from './reviews.service.js';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('moderation')
@Controller({ path: 'moderation/reviews', version: '1' })
@Authenticated('moderator', 'admin')
export class ReviewModerationController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @ApiPageResponse(ReviewDto)
  queue(@Query() query: ModerationQueueQueryDto): Promise<Page<ReviewDto>> {
    return this.reviews.moderationQueue(query);
  }

  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ReviewDto, description: 'A held (pending) review goes live' })
  publish(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: ModerationDecisionDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReviewDto> {
    return this.decide(principal, id, 'publish', dto, reply);
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ReviewDto, description: 'A pending or published review is taken down' })
  reject(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: ModerationDecisionDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReviewDto> {
    return this.decide(principal, id, 'reject', dto, reply);
  }

  @Post(':id/restore')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ReviewDto, description: 'A rejected review goes live again' })
  restore(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: ModerationDecisionDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReviewDto> {
    return this.decide(principal, id, 'restore', dto, reply);
  }

  private async decide(principal: Principal, id: string, action: ModerationAction, dto: ModerationDecisionDto, reply: FastifyReply): Promise<ReviewDto> {
    const review = await this.reviews.moderate(principal, id, action, dto);
    void reply.header('etag', etagOf(review.version));
    return review;
  }
}
