import type { Settings } from 'meilisearch';
import { foldForMatch } from '../../../common/text/fold.js';
import { SPECIALTY_CATALOG } from '../../../doctors/specialties/specialty-catalog.js';
import { MAX_TOTAL_HITS } from '../../search-engine.js';

/** Every folded term of a specialty (name, nouns, patient words) is a synonym of each other one. */
export function specialtySynonyms(): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const specialty of SPECIALTY_CATALOG) {
    const terms = [
      ...new Set([specialty.name, specialty.practitionerNoun, ...specialty.nounVariants, ...specialty.synonyms].map(foldForMatch)),
    ].filter(Boolean);
    for (const term of terms) synonyms[term] = terms.filter((other) => other !== term);
  }
  return synonyms;
}

const TYPO_TOLERANCE: Settings['typoTolerance'] = { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } };

/** Searchable attributes in order of importance, like the Postgres engine's weights: names, specialties, cities, bio. */
export const DOCTOR_SETTINGS: Settings = {
  searchableAttributes: ['nameText', 'specialtyText', 'cityText', 'bioText'],
  filterableAttributes: [
    'id', 'key', 'specialtyCodes', 'specialtyNames', 'cityKeys', 'cityNames', 'regions', 'countries', 'languages',
    'clinicianType', 'acceptingNewPatients', 'telehealth', 'ratingMean', '_geo',
  ],
  sortableAttributes: ['ratingScore', 'sortName', '_geo'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'ratingScore:desc'],
  distinctAttribute: 'id',
  synonyms: specialtySynonyms(),
  typoTolerance: TYPO_TOLERANCE,
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
};

export const ANSWER_SETTINGS: Settings = {
  searchableAttributes: ['titleText', 'bodyText'],
  filterableAttributes: ['specialtyCodes', 'author.doctorId'],
  sortableAttributes: ['createdAt'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'createdAt:desc'],
  typoTolerance: TYPO_TOLERANCE,
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
};
