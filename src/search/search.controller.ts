import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SearchAnswersQueryDto, SearchDoctorsQueryDto, SuggestQueryDto } from './dto/search-query.dto.js';
import { AnswerSearchResponseDto, DoctorSearchResponseDto, SuggestResponseDto } from './dto/search-response.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@Controller({ path: 'search', version: '1' })
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('doctors')
  @ApiOkResponse({ type: DoctorSearchResponseDto })
  doctors(@Query() query: SearchDoctorsQueryDto): Promise<DoctorSearchResponseDto> {
    return this.search.searchDoctors(query);
  }

  @Get('answers')
  @ApiOkResponse({ type: AnswerSearchResponseDto })
  answers(@Query() query: SearchAnswersQueryDto): Promise<AnswerSearchResponseDto> {
    return this.search.searchAnswers(query);
  }

  @Get('suggest')
  @ApiOkResponse({ type: SuggestResponseDto, description: 'At most 10 suggestions: specialties, cities, doctors' })
  suggest(@Query() query: SuggestQueryDto): Promise<SuggestResponseDto> {
    return this.search.suggest(query);
  }
}
