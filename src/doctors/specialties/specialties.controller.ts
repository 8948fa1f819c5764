import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, PageQueryDto, type Page } from '../../common/http/pagination.js';
import { SpecialtyDto } from '../dto/doctor-response.dto.js';
import { SpecialtiesService } from './specialties.service.js';

@ApiTags('doctors')
@Controller({ path: 'specialties', version: '1' })
export class SpecialtiesController {
  constructor(private readonly specialties: SpecialtiesService) {}

  @Get()
  @ApiPageResponse(SpecialtyDto)
  list(@Query() query: PageQueryDto): Promise<Page<SpecialtyDto>> {
    return this.specialties.list(query);
  }
}
