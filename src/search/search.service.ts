import { Injectable, Logger } from '@nestjs/common';
import { AppError, CommonErrors, type FieldErrors } from '../common/errors/app-error.js';
import { foldForMatch } from '../common/text/fold.js';
import { DoctorsService } from '../doctors/doctors.service.js';
import { SPECIALTY_CATALOG } from '../doctors/specialties/specialty-catalog.js';
import { SpecialtiesService } from '../doctors/specialties/specialties.service.js';
import { cityMatchKeys } from '../geo/gazetteer.js';
import type { SearchAnswersQueryDto, SearchDoctorsQueryDto, SuggestQueryDto } from './dto/search-query.dto.js';
import type { AnswerSearchResponseDto, DoctorSearchResponseDto, SuggestionDto, SuggestResponseDto } from './dto/search-response.dto.js';
import { queryWords, takeCity, understandText } from './query-understanding.js';
import { SearchEngine, type DoctorSearchCriteria } from './search-engine.js';
import { SearchErrors } from './search.errors.js';
import { presentAnswerHit, presentDoctorHit } from './search.presenter.js';

const DEFAULT_PAGE_SIZE = 20;
const MAX_SUGGESTIONS = 10;
const MAX_SPECIALTY_SUGGESTIONS = 3;
const MAX_CITY_SUGGESTIONS = 3;

/** Checks the parameters that only make sense together; field paths name the parameter to fix. */
function checkGeoParameters(dto: SearchDoctorsQueryDto): void {
  const errors: FieldErrors = {};
  if ((dto.lat === undefined) !== (dto.lng === undefined)) errors[dto.lat === undefined ? 'lat' : 'lng'] = ['lat and lng must be given together'];
  const hasPoint = dto.lat !== undefined && dto.lng !== undefined;
  if (dto.radiusKm !== undefined && !hasPoint) errors.radiusKm = ['needs a point: give lat and lng'];
  if (dto.sort === 'distance' && !hasPoint) errors.sort = ['sort=distance needs a point: give lat and lng'];
  if (Object.keys(errors).length > 0) throw CommonErrors.VALIDATION_FAILED('Invalid location parameters', { errors });
}

/** Specialties one of whose terms (name, practitioner noun, patient word) has a word starting with the prefix. */
function suggestSpecialties(prefix: string): SuggestionDto[] {
  return SPECIALTY_CATALOG.filter((specialty) =>
    [specialty.name, specialty.practitionerNoun, ...specialty.nounVariants, ...specialty.synonyms]
      .map(foldForMatch)
      .some((term) => term.startsWith(prefix) || term.includes(` ${prefix}`)),
  )
    .slice(0, MAX_SPECIALTY_SUGGESTIONS)
    .map((specialty) => ({ type: 'specialty', label: specialty.name, id: specialty.code }));
}

/** Turns requests into engine criteria (the same for every engine) and engine documents into hits. */
@Injectable()
export class SearchService {
  private readonly logger = new Logger(SearchService.name);

  constructor(
    private readonly engine: SearchEngine,
    private readonly specialties: SpecialtiesService,
    private readonly doctors: DoctorsService,
  ) {}

  async searchDoctors(dto: SearchDoctorsQueryDto): Promise<DoctorSearchResponseDto> {
    const started = performance.now();
    checkGeoParameters(dto);
    const point = dto.lat !== undefined && dto.lng !== undefined ? { lat: dto.lat, lng: dto.lng } : undefined;
    const understood = understandText(dto.q);
    const { text, city } = dto.city === undefined ? takeCity(understood) : { text: understood, city: dto.city };
    const criteria: DoctorSearchCriteria = {
      ...text,
      specialtyCode: dto.specialty === undefined ? undefined : this.specialties.resolveFilter(dto.specialty, 'specialty'),
      cityKeys: city === undefined ? undefined : cityMatchKeys(city, dto.region, dto.country),
      region: dto.region?.toUpperCase(),
      country: dto.country?.toUpperCase(),
      language: dto.language?.toLowerCase(),
      acceptingNewPatients: dto.acceptingNewPatients,
      telehealth: dto.telehealth,
      clinicianType: dto.clinicianType,
      minRating: dto.minRating,
      point,
      radiusKm: dto.radiusKm,
      sort: dto.sort ?? 'relevance',
      facets: [...new Set(dto.facets ?? [])],
      page: dto.page ?? 1,
      pageSize: dto.pageSize ?? DEFAULT_PAGE_SIZE,
    };
    const result = await this.fromEngine(() => this.engine.searchDoctors(criteria));
    return {
      items: result.hits.map((document) => presentDoctorHit(document, criteria.terms, point)),
      facets: result.facets,
      estimatedTotal: result.estimatedTotal,
      page: criteria.page,
      pageSize: criteria.pageSize,
      processingTimeMs: Math.round(performance.now() - started),
    };
  }

  async searchAnswers(dto: SearchAnswersQueryDto): Promise<AnswerSearchResponseDto> {
    const started = performance.now();
    const criteria = {
      // Answers are searched by topic: every word counts, none is read as a specialty filter.
      terms: queryWords(dto.q),
      specialtyCodes: [],
      specialtyCode: dto.specialty === undefined ? undefined : this.specialties.resolveFilter(dto.specialty, 'specialty'),
      doctorId: dto.doctor === undefined ? undefined : await this.doctorId(dto.doctor),
      page: dto.page ?? 1,
      pageSize: dto.pageSize ?? DEFAULT_PAGE_SIZE,
    };
    const result = await this.fromEngine(() => this.engine.searchAnswers(criteria));
    return {
      items: result.hits.map((document) => presentAnswerHit(document, criteria.terms)),
      facets: {},
      estimatedTotal: result.estimatedTotal,
      page: criteria.page,
      pageSize: criteria.pageSize,
      processingTimeMs: Math.round(performance.now() - started),
    };
  }

  /** Specialties first (from the catalog), then cities with doctors, then doctors by name; at most ten. */
  async suggest(dto: SuggestQueryDto): Promise<SuggestResponseDto> {
    const folded = foldForMatch(dto.q);
    const terms = folded.split(' ').filter(Boolean);
    if (terms.length === 0) return { items: [] };
    const specialties = suggestSpecialties(folded);
    const cities = await this.fromEngine(() => this.engine.suggestCities(folded, MAX_CITY_SUGGESTIONS));
    const doctors = await this.fromEngine(() =>
      this.engine.suggestDoctors(terms, MAX_SUGGESTIONS - specialties.length - cities.length),
    );
    return {
      items: [
        ...specialties,
        ...cities.map((city): SuggestionDto => ({ type: 'city', label: city })),
        ...doctors.map((doctor): SuggestionDto => ({ type: 'doctor', label: doctor.label, id: doctor.id, slug: doctor.slug })),
      ],
    };
  }

  private async doctorId(idOrSlug: string): Promise<string> {
    try {
      const found = await this.doctors.lookup(idOrSlug);
      return found.kind === 'found' ? found.doctor.id : this.doctorId(found.slug);
    } catch (error) {
      if (error instanceof AppError && error.code === 'DOCTOR.NOT_FOUND') {
        throw CommonErrors.VALIDATION_FAILED(`No doctor ${idOrSlug}`, { errors: { doctor: ['is not a known doctor id or slug'] } });
      }
      throw error;
    }
  }

  /** An engine that cannot answer is a 503 for the client, not a 500. */
  private async fromEngine<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.logger.warn(`${this.engine.name} search failed: ${String(error)}`);
      throw SearchErrors.UNAVAILABLE();
    }
  }
}
