import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiPageResponse, type Page } from '../common/http/pagination.js';
import { provenanceSourceOf } from '../doctors/doctors.service.js';
import { CreateExternalRatingDto, ExternalRatingDto, ExternalRatingQueryDto } from './dto/external-rating.dto.js';
import { ExternalRatingsService } from './external-ratings.service.js';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('ratings')
@Controller({ path: 'doctors/:id/external-ratings', version: '1' })
export class ExternalRatingsController {
  constructor(private readonly externalRatings: ExternalRatingsService) {}

  @Post()
  @Authenticated('moderator', 'admin')
  @ApiCreatedResponse({ type: ExternalRatingDto, description: 'A new observation (current, or history when older than the current one)' })
  @ApiOkResponse({ type: ExternalRatingDto, description: 'Same value and count as the current observation: nothing was added' })
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) doctorId: string,
    @Body() dto: CreateExternalRatingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExternalRatingDto> {
    const { observedAt, ...rest } = dto;
    const result = await this.externalRatings.record(doctorId, { ...rest, observedAt: new Date(observedAt) }, provenanceSourceOf(principal));
    void reply.status(result.added ? HttpStatus.CREATED : HttpStatus.OK);
    return result.rating;
  }

  @Get()
  @ApiPageResponse(ExternalRatingDto)
  history(@Param('id', uuid) doctorId: string, @Query() query: ExternalRatingQueryDto): Promise<Page<ExternalRatingDto>> {
    return this.externalRatings.history(doctorId, query);
  }
}
