import type { AnswerSearchDocument, DoctorSearchDocument } from './search-documents.js';

/**
 * Filterable values as `kind:value` words, so the Postgres engine answers any combination of filters from one GIN
 * index (`filter_keys @> ARRAY['c:seattle', 's:207N00000X']`). Writers and queries build them only here.
 */
export const filterKey = {
  specialty: (code: string) => `s:${code}`,
  city: (cityKey: string) => `c:${cityKey}`,
  region: (region: string) => `r:${region.toUpperCase()}`,
  country: (country: string) => `n:${country.toUpperCase()}`,
  language: (language: string) => `l:${language.toLowerCase()}`,
  clinicianType: (type: string) => `k:${type}`,
  acceptingNewPatients: (value: boolean) => `a:${value}`,
  telehealth: (value: boolean) => `t:${value}`,
  doctor: (id: string) => `d:${id}`,
};

export function doctorFilterKeys(document: DoctorSearchDocument): string[] {
  return [
    ...document.specialtyCodes.map(filterKey.specialty),
    ...document.cityKeys.map(filterKey.city),
    ...document.regions.map(filterKey.region),
    ...document.countries.map(filterKey.country),
    ...document.languages.map(filterKey.language),
    filterKey.clinicianType(document.clinicianType),
    ...(document.acceptingNewPatients === null ? [] : [filterKey.acceptingNewPatients(document.acceptingNewPatients)]),
    ...(document.telehealth === null ? [] : [filterKey.telehealth(document.telehealth)]),
  ];
}

export function answerFilterKeys(document: AnswerSearchDocument): string[] {
  return [...document.specialtyCodes.map(filterKey.specialty), ...(document.author ? [filterKey.doctor(document.author.doctorId)] : [])];
}
