import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiMovedPermanentlyResponse,
  ApiNoContentResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { preferredMediaType } from '../common/http/content-negotiation.js';
import { applyEtag, IfMatch } from '../common/http/etag.js';
import { ApiPageResponse, type Page } from '../common/http/pagination.js';
import { JSON_LD, physicianJsonLd } from './doctor.json-ld.js';
import { DoctorsService } from './doctors.service.js';
import { CreateDoctorDto, UpdateDoctorDto } from './dto/doctor-input.dto.js';
import { ListDoctorsQueryDto } from './dto/doctor-query.dto.js';
import { DoctorDto } from './dto/doctor-response.dto.js';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('doctors')
@Controller({ path: 'doctors', version: '1' })
export class DoctorsController {
  constructor(private readonly doctors: DoctorsService) {}

  @Post()
  @Authenticated('moderator', 'admin')
  @ApiCreatedResponse({ type: DoctorDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateDoctorDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DoctorDto> {
    const doctor = await this.doctors.create(principal, dto);
    void reply.status(HttpStatus.CREATED).header('location', `/v1/doctors/${doctor.slug}`).header('etag', `"${doctor.version}"`);
    return doctor;
  }

  @Get()
  @ApiPageResponse(DoctorDto)
  list(@Query() query: ListDoctorsQueryDto): Promise<Page<DoctorDto>> {
    return this.doctors.list(query);
  }

  @Get(':idOrSlug')
  @ApiProduces('application/json', JSON_LD)
  @ApiOkResponse({ type: DoctorDto, description: `With Accept: ${JSON_LD}, a schema.org Physician whose aggregateRating counts our own reviews only` })
  @ApiMovedPermanentlyResponse({ description: 'An old slug: Location has the current one' })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the current ETag' })
  async get(
    @Param('idOrSlug') idOrSlug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DoctorDto | Record<string, unknown> | undefined> {
    const found = await this.doctors.lookup(idOrSlug);
    if (found.kind === 'moved') {
      void reply.status(HttpStatus.MOVED_PERMANENTLY).header('location', `/v1/doctors/${found.slug}`);
      return undefined;
    }
    void reply.header('vary', 'Accept');
    if (preferredMediaType(request.headers.accept, ['application/json', JSON_LD]) === JSON_LD) {
      void reply.header('content-type', `${JSON_LD}; charset=utf-8`);
      return physicianJsonLd(found.doctor, `${request.protocol}://${request.host}`);
    }
    if (applyEtag(request, reply, found.doctor.version) && found.etagCoversRating) {
      void reply.status(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    return found.doctor;
  }

  @Patch(':id')
  @Authenticated()
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the version being edited' })
  @ApiOkResponse({ type: DoctorDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @IfMatch() expectedVersion: number,
    @Body() dto: UpdateDoctorDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DoctorDto> {
    const doctor = await this.doctors.update(principal, id, expectedVersion, dto);
    void reply.header('etag', `"${doctor.version}"`);
    return doctor;
  }

  @Delete(':id')
  @Authenticated('moderator', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Soft-deleted: the profile disappears from reads and search' })
  async remove(@Param('id', uuid) id: string): Promise<void> {
    await this.doctors.remove(id);
  }
}
