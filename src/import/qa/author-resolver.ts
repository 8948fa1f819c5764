import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { foldForMatch } from '../../common/text/fold.js';
import { isCredentialToken } from '../../doctors/credentials.js';
import { DoctorsService } from '../../doctors/doctors.service.js';
import { canonicalCityKey } from '../../doctors/matching/match-score.js';
import { decideMatch, DoctorMatcher } from '../../doctors/matching/doctor-matcher.js';
import { DoctorMergeService } from '../../doctors/moderation/doctor-merge.service.js';
import { Gazetteer } from '../../geo/gazetteer.js';
import { ExternalRatingsService } from '../../reviews/external-ratings.service.js';
import type { QaAuthor } from '../parsers/qa-page.parser.js';

export const QA_IMPORT_SOURCE = 'import:qa';

/** Who creates the profiles an import finds: nobody signed in; provenance says `import:qa`. */
const IMPORTER: Principal = { accountId: null, email: null, roles: ['admin'], emailVerified: true, ownedDoctorIds: [], sessionId: null };

export type ResolutionOutcome = 'linked' | 'created' | 'queued' | 'unattributed';

export interface AuthorResolution {
  doctorId: string | null;
  outcome: ResolutionOutcome;
}

/** Where the signature was read, for the external rating it records. */
export interface SignatureOrigin {
  source: string;
  sourceUrl: string;
  observedAt: Date;
}

interface Place {
  city: string | null;
  region: string | null;
  country: string | null;
}

const HONORIFIC = /^(?:dr|doctor|prof|professor)$/;
const GENERATIONAL = /^(?:jr|sr|ii|iii|iv)$/;

/** "Sam Naficy" → given Sam, family Naficy; "Dr. Mary Ann de la Cruz Jr." → given Mary, middle "Ann de la", family Cruz, suffix Jr. */
export function splitPersonName(name: string): { givenName: string; middleName: string | null; familyName: string; nameSuffix: string | null } | undefined {
  const words = name.split(/\s+/).map((word) => word.replace(/,$/, '')).filter((word) => word !== '' && !isCredentialToken(word));
  while (words.length > 0 && HONORIFIC.test(foldForMatch(words[0]))) words.shift();
  const nameSuffix = words.length > 2 && GENERATIONAL.test(foldForMatch(words.at(-1)!)) ? words.pop()! : null;
  if (words.length < 2) return undefined;
  return { givenName: words[0], middleName: words.length > 2 ? words.slice(1, -1).join(' ') : null, familyName: words.at(-1)!, nameSuffix };
}

/**
 * Finds the profile a Q&A signature names. A unique strong match links; no match creates a profile from the
 * signature; a weak or ambiguous match creates one too but queues it with its candidates for moderators, so nothing
 * is joined on a guess. A nameless signature links only when exactly one profile has the same city, specialty and
 * rating and review count on the same source. Every profile it ends on records the signature's rating.
 */
@Injectable()
export class QaAuthorResolver {
  private readonly gazetteer = Gazetteer.shared();

  constructor(
    private readonly matcher: DoctorMatcher,
    private readonly doctors: DoctorsService,
    private readonly merges: DoctorMergeService,
    private readonly externalRatings: ExternalRatingsService,
  ) {}

  async resolve(author: QaAuthor | null, origin: SignatureOrigin): Promise<AuthorResolution> {
    if (!author) return { doctorId: null, outcome: 'unattributed' };
    const name = author.name ? splitPersonName(author.name) : undefined;
    const place = this.placeOf(author.city);
    if (!name) return this.resolveNameless(author, place, origin);

    const matches = await this.matcher.findMatches({ ...name, credentials: author.credentials, ...place, specialtyCode: author.specialtyCode });
    const decision = decideMatch(matches);
    if (decision.kind === 'same') {
      await this.recordRating(decision.match.doctorId, author, origin);
      return { doctorId: decision.match.doctorId, outcome: 'linked' };
    }
    const created = await this.doctors.create(
      IMPORTER,
      {
        ...name,
        credentials: author.credentials,
        specialties: author.specialtyCode ? [{ code: author.specialtyCode }] : [],
        locations: place.country ? [{ city: place.city, region: place.region, country: place.country }] : undefined,
      },
      QA_IMPORT_SOURCE,
    );
    await this.recordRating(created.id, author, origin);
    if (decision.kind === 'none') return { doctorId: created.id, outcome: 'created' };
    await this.merges.queueCandidates(
      created.id,
      decision.matches.map((match) => ({ doctorId: match.doctorId, score: match.score, reasons: match.reasons })),
      QA_IMPORT_SOURCE,
    );
    return { doctorId: created.id, outcome: 'queued' };
  }

  /** Mentions: the doctor a written name ("Dr. Barankin") names, when exactly one profile fits. */
  async resolveMention(text: string): Promise<string | null> {
    const matches = await this.matcher.findByWrittenName(text);
    return matches.length === 1 ? matches[0].doctorId : null;
  }

  private async resolveNameless(author: QaAuthor, place: Place, origin: SignatureOrigin): Promise<AuthorResolution> {
    if (author.rating === null || author.reviewCount === null || !author.specialtyCode || !place.city) return { doctorId: null, outcome: 'unattributed' };
    const showing = await this.externalRatings.doctorsShowing(origin.source, author.rating, author.reviewCount);
    const cityKey = canonicalCityKey(place.city, place.region, place.country);
    const profiles = await this.doctors.findProfiles(showing);
    const fitting = profiles.filter(
      (profile) =>
        profile.specialties.some((s) => s.code === author.specialtyCode) &&
        profile.locations.some((l) => l.city !== null && canonicalCityKey(l.city, l.region, l.country) === cityKey),
    );
    return fitting.length === 1 ? { doctorId: fitting[0].id, outcome: 'linked' } : { doctorId: null, outcome: 'unattributed' };
  }

  /** The signature's place: a city with its region and country, or only the region or country it names. */
  private placeOf(written: string | null): Place {
    if (!written) return { city: null, region: null, country: null };
    const found = this.gazetteer.geocode({ city: written });
    if (found.status !== 'unknown') return { city: written, region: found.region, country: found.country };
    return { city: null, region: null, country: null };
  }

  private async recordRating(doctorId: string, author: QaAuthor, origin: SignatureOrigin): Promise<void> {
    if (author.rating === null || author.reviewCount === null) return;
    await this.externalRatings.record(
      doctorId,
      { source: origin.source, sourceUrl: origin.sourceUrl, value: author.rating, scale: 5, reviewCount: author.reviewCount, observedAt: origin.observedAt },
      QA_IMPORT_SOURCE,
    );
  }
}
