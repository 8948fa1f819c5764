import { foldForMatch } from '../common/text/fold.js';
import type { DoctorDto } from '../doctors/dto/doctor-response.dto.js';
import { findSpecialty } from '../doctors/specialties/specialty-lookup.js';

/** What search knows of ratings, from the profile's rating summary (see README, "Ratings and ranking"). */
export interface RatingFields {
  /** The ranking score (a lower bound of the shrunk mean): 200 reviews at 4.8 outrank 1 review at 5.0. 0 without ratings. */
  ratingScore: number;
  /** The pooled mean shown to patients (own reviews and external sources, 0–5); null without ratings. */
  ratingMean: number | null;
  ratingCount: number;
}

/** The rating fields of a profile; an unrated doctor scores 0, so it sorts after every rated one. */
export function ratingFieldsOf({ rating }: DoctorDto): RatingFields {
  return { ratingScore: rating.score ?? 0, ratingMean: rating.pooled.mean, ratingCount: rating.pooled.count };
}

export interface SearchLocation {
  city: string | null;
  region: string | null;
  country: string;
  coordinates: { lat: number; lng: number } | null;
}

export interface SearchSpecialty {
  code: string | null;
  name: string;
  practitionerNoun: string | null;
  primary: boolean;
}

/**
 * One doctor as both engines index it: what a hit shows, plus folded match fields so that both engines compare the
 * same words ("St. Louis" and "Saint Louis" are both `saint louis`, "Montréal" is `montreal`).
 */
export interface DoctorSearchDocument extends RatingFields {
  id: string;
  slug: string;
  displayName: string;
  credentials: string[];
  clinicianType: string;
  languages: string[];
  telehealth: boolean | null;
  acceptingNewPatients: boolean | null;
  bio: string | null;
  specialties: SearchSpecialty[];
  locations: SearchLocation[];
  /** Folded given, middle and family names. */
  nameText: string;
  /** Folded "family given", for sort=name. */
  sortName: string;
  specialtyCodes: string[];
  specialtyNames: string[];
  /** Folded specialty names, practitioner nouns and patient synonyms ("skin doctor"). */
  specialtyText: string;
  /** Folded cities of every location: the city filter matches any of them. */
  cityKeys: string[];
  cityNames: string[];
  cityText: string;
  regions: string[];
  countries: string[];
  bioText: string;
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

function specialtyWords(specialty: SearchSpecialty): string[] {
  const definition = specialty.code ? findSpecialty(specialty.code) : undefined;
  const words = [specialty.name, specialty.practitionerNoun ?? ''];
  if (definition) words.push(definition.name, definition.practitionerNoun, ...definition.nounVariants, ...definition.synonyms);
  return words;
}

/** The document of a profile (live, not deleted). */
export function buildDoctorDocument(profile: DoctorDto): DoctorSearchDocument {
  const locations = profile.locations.map(({ city, region, country, coordinates }) => ({ city, region, country, coordinates }));
  const cityNames = unique(locations.flatMap((l) => (l.city ? [l.city] : [])));
  return {
    id: profile.id,
    slug: profile.slug,
    displayName: profile.displayName,
    credentials: profile.credentials,
    clinicianType: profile.clinicianType,
    languages: profile.languages,
    telehealth: profile.telehealth,
    acceptingNewPatients: profile.acceptingNewPatients,
    bio: profile.bio,
    specialties: profile.specialties,
    locations,
    nameText: foldForMatch([profile.givenName, profile.middleName, profile.familyName, profile.nameSuffix].filter(Boolean).join(' ')),
    sortName: foldForMatch(`${profile.familyName} ${profile.givenName}`),
    specialtyCodes: unique(profile.specialties.flatMap((s) => (s.code ? [s.code] : []))),
    specialtyNames: unique(profile.specialties.map((s) => s.name)),
    specialtyText: unique(profile.specialties.flatMap(specialtyWords).map(foldForMatch).filter(Boolean)).join(' '),
    cityKeys: unique(cityNames.map(foldForMatch)),
    cityNames,
    cityText: unique(cityNames.map(foldForMatch)).join(' '),
    regions: unique(locations.flatMap((l) => (l.region ? [l.region.toUpperCase()] : []))),
    countries: unique(locations.map((l) => l.country)),
    bioText: profile.bio ? foldForMatch(profile.bio) : '',
    ...ratingFieldsOf(profile),
  };
}

/** The author of an answer as the Q&A API shows it. */
export interface AnswerAuthor {
  doctorId: string;
  slug: string;
  displayName: string;
  profileUrl: string;
}

/** One answer to a question, as both engines index it. */
export interface AnswerSearchDocument {
  id: string;
  questionId: string;
  questionTitle: string;
  questionSlug: string;
  body: string;
  /** The author's profile when the answer is linked to one; null for an unlinked (imported) author. */
  author: AnswerAuthor | null;
  specialtyCodes: string[];
  /** Folded question title and answer body. */
  titleText: string;
  bodyText: string;
  createdAt: string;
}
