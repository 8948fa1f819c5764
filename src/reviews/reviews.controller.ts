import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { etagOf, IfMatch } from '../common/http/etag.js';
import { ApiPageResponse, type Page } from '../common/http/pagination.js';
import { CreateReviewDto, ReplyDto, ReportDto, UpdateReviewDto, VoteDto } from './dto/review-input.dto.js';
import { DoctorReviewsQueryDto } from './dto/review-query.dto.js';
import { ReportResponseDto, ReviewDto } from './dto/review-response.dto.js';
import { ReviewsService } from './reviews.service.js';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('reviews')
@Controller({ version: '1' })
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post('doctors/:id/reviews')
  @Authenticated('patient')
  @ApiCreatedResponse({ type: ReviewDto, description: '`status` is `published`, or `pending` when a moderation rule held it' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) doctorId: string,
    @Body() dto: CreateReviewDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewDto> {
    const review = await this.reviews.create(principal, doctorId, dto);
    void reply.status(HttpStatus.CREATED).header('location', `/v1/reviews/${review.id}`).header('etag', etagOf(review.version));
    return review;
  }

  @Get('doctors/:id/reviews')
  @ApiPageResponse(ReviewDto)
  list(@Param('id', uuid) doctorId: string, @Query() query: DoctorReviewsQueryDto): Promise<Page<ReviewDto>> {
    return this.reviews.listForDoctor(doctorId, query);
  }

  @Get('reviews/:id')
  @ApiOkResponse({ type: ReviewDto, description: 'Published reviews for everyone; held or rejected ones for their author and staff' })
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewDto> {
    const review = await this.reviews.get(principal, id);
    void reply.header('etag', etagOf(review.version));
    return review;
  }

  @Patch('reviews/:id')
  @Authenticated()
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the version being edited' })
  @ApiOkResponse({ type: ReviewDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @IfMatch() expectedVersion: number,
    @Body() dto: UpdateReviewDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewDto> {
    const review = await this.reviews.update(principal, id, expectedVersion, dto);
    void reply.header('etag', etagOf(review.version));
    return review;
  }

  @Post('reviews/:id/reply')
  @Authenticated('doctor')
  @ApiCreatedResponse({ type: ReviewDto, description: 'The review with its reply; a second reply → 409' })
  reply(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: ReplyDto): Promise<ReviewDto> {
    return this.reviews.reply(principal, id, dto);
  }

  @Post('reviews/:id/helpful')
  @Authenticated()
  @ApiCreatedResponse({ type: ReviewDto, description: 'Counted once per account; a second vote → 409' })
  vote(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: VoteDto): Promise<ReviewDto> {
    return this.reviews.vote(principal, id, dto.helpful ?? true);
  }

  @Post('reviews/:id/reports')
  @Authenticated()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: ReportResponseDto, description: 'A moderator will look; the review stays up meanwhile' })
  report(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: ReportDto): Promise<ReportResponseDto> {
    return this.reviews.report(principal, id, dto);
  }
}
