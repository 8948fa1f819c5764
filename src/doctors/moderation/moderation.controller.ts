import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiPageResponse, type Page } from '../../common/http/pagination.js';
import { DoctorDto } from '../dto/doctor-response.dto.js';
import { DoctorMergeService } from './doctor-merge.service.js';
import {
  ConflictDto,
  ListConflictsQueryDto,
  ListMergeCandidatesQueryDto,
  MergeCandidateDto,
  MergeDoctorsDto,
  ResolveConflictDto,
} from './dto/moderation.dto.js';
import { ProfileConflictsService } from './profile-conflicts.service.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Moderators' queues: imported values that people's values blocked, and profiles that may be one person. */
@ApiTags('moderation')
@Controller({ path: 'moderation', version: '1' })
@Authenticated('moderator', 'admin')
export class ModerationController {
  constructor(
    private readonly conflicts: ProfileConflictsService,
    private readonly merges: DoctorMergeService,
  ) {}

  @Get('conflicts')
  @ApiPageResponse(ConflictDto)
  listConflicts(@Query() query: ListConflictsQueryDto): Promise<Page<ConflictDto>> {
    return this.conflicts.list(query);
  }

  @Post('conflicts/:id/resolve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ConflictDto })
  resolveConflict(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: ResolveConflictDto,
  ): Promise<ConflictDto> {
    return this.conflicts.resolve(principal, id, dto.action);
  }

  @Get('merges')
  @ApiPageResponse(MergeCandidateDto)
  listMergeCandidates(@Query() query: ListMergeCandidatesQueryDto): Promise<Page<MergeCandidateDto>> {
    return this.merges.listCandidates(query);
  }

  @Post('merges')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: DoctorDto, description: 'The kept profile after the merge' })
  merge(@Body() dto: MergeDoctorsDto): Promise<DoctorDto> {
    return this.merges.merge(dto.keepId, dto.mergeId);
  }

  @Post('merges/:id/dismiss')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MergeCandidateDto, description: 'Not the same person: the pair leaves the queue for good' })
  dismissMergeCandidate(@Param('id', uuid) id: string): Promise<MergeCandidateDto> {
    return this.merges.dismissCandidate(id);
  }
}
