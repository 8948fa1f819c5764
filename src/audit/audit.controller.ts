import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators.js';
import { ApiPageResponse, type Page } from '../common/http/pagination.js';
import { AuditLog } from './audit-log.service.js';
import { AuditEntryDto, AuditQueryDto } from './dto/audit.dto.js';

@ApiTags('audit')
@Controller({ path: 'audit', version: '1' })
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Authenticated('moderator', 'admin')
  @ApiPageResponse(AuditEntryDto)
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    return this.audit.list(query);
  }
}
