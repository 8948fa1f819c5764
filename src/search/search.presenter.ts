import type { AnswerHitDto, DoctorHitDto } from './dto/search-response.dto.js';
import { highlightOf, snippetOf, type Highlight } from './highlight.js';
import type { AnswerSearchDocument, DoctorSearchDocument, SearchLocation } from './search-documents.js';

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance (haversine), as Meilisearch computes `_geo` distances. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const h = Math.sin(radians(b.lat - a.lat) / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(radians(b.lng - a.lng) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance to the nearest located practice, rounded to 10 m; null when no location has coordinates. */
export function nearestDistanceKm(locations: readonly SearchLocation[], point: { lat: number; lng: number }): number | null {
  const distances = locations.flatMap((l) => (l.coordinates ? [distanceKm(point, l.coordinates)] : []));
  return distances.length > 0 ? Math.round(Math.min(...distances) * 100) / 100 : null;
}

/**
 * A doctor hit, the same whichever engine found it: highlights are computed here from the query's words, and the
 * distance from the document's locations.
 */
export function presentDoctorHit(document: DoctorSearchDocument, terms: readonly string[], point?: { lat: number; lng: number }): DoctorHitDto {
  const highlights = [
    highlightOf('displayName', document.displayName, terms),
    ...document.specialties.map((s) => highlightOf('specialty', s.name, terms)),
    ...document.locations.map((l) => highlightOf('city', l.city, terms)),
    document.bio ? snippetOf('bio', document.bio, terms) : undefined,
  ].filter((h): h is Highlight => h !== undefined && h.ranges.length > 0);
  return {
    id: document.id,
    slug: document.slug,
    displayName: document.displayName,
    credentials: document.credentials,
    clinicianType: document.clinicianType,
    specialties: document.specialties.map((s) => ({ code: s.code, name: s.name, practitionerNoun: s.practitionerNoun, primary: s.primary })),
    locations: document.locations,
    languages: document.languages,
    acceptingNewPatients: document.acceptingNewPatients,
    telehealth: document.telehealth,
    ...(point ? { distanceKm: nearestDistanceKm(document.locations, point) } : {}),
    rating:
      document.ratingCount > 0 && document.ratingMean !== null
        ? { score: document.ratingScore, mean: document.ratingMean, count: document.ratingCount }
        : null,
    highlights,
  };
}

export function presentAnswerHit(document: AnswerSearchDocument, terms: readonly string[]): AnswerHitDto {
  return {
    id: document.id,
    questionId: document.questionId,
    questionTitle: document.questionTitle,
    questionSlug: document.questionSlug,
    snippet: snippetOf('body', document.body, terms),
    author: document.author,
  };
}
