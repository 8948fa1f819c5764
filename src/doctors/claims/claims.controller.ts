import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiPageResponse, type Page } from '../../common/http/pagination.js';
import { ClaimsService } from './claims.service.js';
import { ClaimDto, ClaimsQueryDto, CreateClaimDto, RejectClaimDto } from './dto/claim.dto.js';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('claims')
@Controller({ path: 'doctors/:id/claims', version: '1' })
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post()
  @Authenticated('doctor')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: ClaimDto, description: '`approved` at once when the verified e-mail is at the website domain, else `pending`' })
  submit(@CurrentPrincipal() principal: Principal, @Param('id', uuid) doctorId: string, @Body() dto: CreateClaimDto): Promise<ClaimDto> {
    return this.claims.submit(principal, doctorId, dto);
  }
}

@ApiTags('claims')
@Controller({ path: 'moderation/claims', version: '1' })
@Authenticated('moderator', 'admin')
export class ClaimsModerationController {
  constructor(private readonly claims: ClaimsService) {}

  @Get()
  @ApiPageResponse(ClaimDto)
  list(@Query() query: ClaimsQueryDto): Promise<Page<ClaimDto>> {
    return this.claims.list(query);
  }

  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ClaimDto })
  approve(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<ClaimDto> {
    return this.claims.approve(principal, id);
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ClaimDto })
  reject(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: RejectClaimDto): Promise<ClaimDto> {
    return this.claims.reject(principal, id, dto.reason);
  }
}
