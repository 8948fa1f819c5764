import { Injectable } from '@nestjs/common';
import { foldForMatch } from '../../common/text/fold.js';
import { DoctorsRepository, type MatchProfileRow } from '../doctors.repository.js';
import { canonicalCityKey, nameTokens, POSSIBLE_MATCH, scoreMatch, STRONG_MATCH, type MatchQuery, type MatchScore } from './match-score.js';

export interface DoctorMatch extends MatchScore {
  doctorId: string;
  slug: string;
  displayName: string;
  npi: string | null;
}

export interface FindMatchesOptions {
  /** Only profiles without an NPI (a directory import: a profile with another NPI is another person). */
  withoutNpi?: boolean;
  /** At most this many candidates per query, best first (default 10). */
  limit?: number;
}

/** What to do with a query's candidates. */
export type MatchDecision =
  | { kind: 'same'; match: DoctorMatch }
  | { kind: 'possible'; matches: DoctorMatch[] }
  | { kind: 'none' };

/**
 * The rule both importers follow: one strong candidate and no other worth a look is the same person; any
 * candidate worth a look otherwise goes to moderators; else it is someone new.
 */
export function decideMatch(matches: readonly DoctorMatch[]): MatchDecision {
  const [best, ...others] = matches.filter((match) => match.score >= POSSIBLE_MATCH);
  if (!best) return { kind: 'none' };
  if (best.decisive || (best.score >= STRONG_MATCH && others.length === 0)) return { kind: 'same', match: best };
  return { kind: 'possible', matches: [best, ...others] };
}

const toMatch = (profile: MatchProfileRow, score: MatchScore): DoctorMatch => ({
  doctorId: profile.id,
  slug: profile.slug,
  displayName: profile.display_name,
  npi: profile.npi,
  ...score,
});

/**
 * Finds the profiles that may be the person a directory row or a Q&A signature names: an NPI match is
 * decisive, otherwise names, place, specialty and credentials are scored (see scoreMatch). Set-wise:
 * one query for any number of people.
 */
@Injectable()
export class DoctorMatcher {
  constructor(private readonly doctors: DoctorsRepository) {}

  /**
   * Live profiles a name as written in a text names: "Dr. Barankin" (family name only) or "Dr. Benjamin Barankin".
   * The family name must be the same; a given name, when written, must agree too (exactly or as a short form).
   */
  async findByWrittenName(name: string): Promise<DoctorMatch[]> {
    const words = foldForMatch(name).split(' ').filter(Boolean);
    const familyName = words.at(-1);
    if (!familyName) return [];
    const givenName = words.length > 1 ? words[0] : undefined;
    const profiles = await this.doctors.findMatchProfiles(nameTokens(familyName), [], false);
    return profiles
      .filter((profile) => foldForMatch(profile.family_name) === familyName)
      .filter((profile) => {
        if (!givenName) return true;
        const given = foldForMatch(profile.given_name).split(' ')[0] ?? '';
        return given === givenName || (givenName.length >= 3 && given.startsWith(givenName));
      })
      .map((profile) => toMatch(profile, { score: givenName ? 0.5 : 0.3, reasons: ['same name as written'], decisive: false }));
  }

  async findMatches(query: MatchQuery, options: FindMatchesOptions = {}): Promise<DoctorMatch[]> {
    const [matches = []] = await this.findMatchesForEach([query], options);
    return matches;
  }

  /** Candidates for each query, in the queries' order. */
  async findMatchesForEach(queries: readonly MatchQuery[], options: FindMatchesOptions = {}): Promise<DoctorMatch[][]> {
    if (queries.length === 0) return [];
    const tokens = [...new Set(queries.flatMap((query) => nameTokens(query.familyName)))];
    const npis = [...new Set(queries.flatMap((query) => (query.npi ? [query.npi] : [])))];
    const profiles = await this.doctors.findMatchProfiles(tokens, npis, options.withoutNpi ?? false);
    const byToken = new Map<string, MatchProfileRow[]>();
    const byNpi = new Map<string, MatchProfileRow>();
    for (const profile of profiles) {
      if (profile.npi) byNpi.set(profile.npi, profile);
      for (const token of nameTokens(profile.family_name)) byToken.set(token, [...(byToken.get(token) ?? []), profile]);
    }
    return queries.map((query) => {
      const sameNpi = query.npi ? byNpi.get(query.npi) : undefined;
      if (sameNpi) return [toMatch(sameNpi, { score: 1, reasons: ['same NPI'], decisive: true })];
      const scored = { ...query, cityKey: canonicalCityKey(query.city, query.region, query.country) };
      const candidates = new Set(nameTokens(query.familyName).flatMap((token) => byToken.get(token) ?? []));
      return [...candidates]
        .map((profile) => toMatch(profile, scoreMatch(scored, {
          givenName: profile.given_name,
          familyName: profile.family_name,
          credentials: profile.credentials,
          npi: profile.npi,
          cityKeys: profile.city_keys,
          regions: profile.regions,
          specialtyCodes: profile.specialty_codes,
        })))
        .filter((match) => match.score > 0)
        .sort((a, b) => b.score - a.score || a.doctorId.localeCompare(b.doctorId))
        .slice(0, options.limit ?? 10);
    });
  }
}
