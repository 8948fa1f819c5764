import { base, en, Faker } from '@faker-js/faker';
import { Gazetteer } from '../../geo/gazetteer.js';
import { DEMO_CITIES } from '../../geo/demo-cities.js';
import { catalogSpecialtyForCode } from '../specialties/specialty-lookup.js';
import type { ClinicianType } from '../clinician-type.js';

export const DEMO_SEED = 20_261_125;

export interface DemoDoctor {
  givenName: string;
  familyName: string;
  gender: 'female' | 'male';
  credentials: string[];
  clinicianType: ClinicianType;
  /** Primary first. */
  specialtyCodes: string[];
  languages: string[];
  bio: string;
  telehealth: boolean;
  acceptingNewPatients: boolean;
  location: {
    addressLine1: string;
    city: string;
    region: string | null;
    country: string;
    phone: string;
    latitude: number;
    longitude: number;
  };
}

/** Specialties every city gets at least one doctor of (the first rounds of the round robin), most common first. */
const EVERY_CITY = ['207Q00000X', '207R00000X', '208000000X', '207N00000X', '207RC0000X', '207V00000X', '207X00000X', '2084P0800X'];

/** [code, relative weight] for the rest, roughly how common each specialty is among practising clinicians. */
const WEIGHTED: readonly (readonly [string, number])[] = [
  ['207Q00000X', 14], ['207R00000X', 14], ['208000000X', 7], ['207N00000X', 4], ['207RC0000X', 4], ['207V00000X', 5],
  ['207X00000X', 4], ['2084P0800X', 5], ['207W00000X', 3], ['207Y00000X', 2], ['2084N0400X', 3], ['207RG0100X', 2],
  ['208200000X', 1.5], ['207YS0123X', 0.5], ['207ND0101X', 0.5], ['207RE0101X', 1.5], ['207RR0500X', 1], ['207RP1001X', 1.5],
  ['207RN0300X', 1], ['208800000X', 2], ['207L00000X', 3], ['2085R0202X', 3], ['207P00000X', 4], ['208600000X', 3],
  ['207RH0003X', 1.5], ['363LF0000X', 6], ['363A00000X', 4], ['111N00000X', 2], ['213E00000X', 1], ['103T00000X', 2],
];

const CONDITIONS: Record<string, readonly string[]> = {
  '207N00000X': ['acne', 'eczema', 'psoriasis', 'rosacea', 'skin cancer screening', 'hair loss', 'warts'],
  '207RC0000X': ['high blood pressure', 'heart failure', 'atrial fibrillation', 'chest pain', 'high cholesterol'],
  '207X00000X': ['knee pain', 'hip replacement', 'sports injuries', 'back pain', 'fractures', 'arthritis'],
  '2084P0800X': ['depression', 'anxiety', 'ADHD', 'bipolar disorder', 'insomnia'],
  '207V00000X': ['pregnancy care', 'menopause', 'endometriosis', 'contraception', 'fertility'],
  '208000000X': ['well-child visits', 'vaccinations', 'asthma', 'ear infections', 'allergies'],
  '207Y00000X': ['sinusitis', 'hearing loss', 'tonsillitis', 'sleep apnea', 'vertigo'],
  '2084N0400X': ['migraine', 'epilepsy', 'multiple sclerosis', 'stroke follow-up', 'neuropathy'],
  '207W00000X': ['cataracts', 'glaucoma', 'macular degeneration', 'dry eye', 'diabetic eye disease'],
  '208200000X': ['breast reconstruction', 'rhinoplasty', 'facelift', 'Botox', 'body contouring'],
  '207YS0123X': ['rhinoplasty', 'facelift', 'eyelid surgery', 'Botox', 'facial fillers'],
  '207ND0101X': ['basal cell carcinoma', 'squamous cell carcinoma', 'Mohs surgery', 'skin cancer'],
};
const GENERAL = ['diabetes', 'high blood pressure', 'preventive care', 'flu', 'back pain', 'annual check-ups', 'asthma'];

const CREDENTIALS: Record<ClinicianType, readonly (readonly string[])[]> = {
  physician: [['MD'], ['MD'], ['MD'], ['DO'], ['MD', 'PhD'], ['MD', 'FACP']],
  nurse_practitioner: [['NP'], ['FNP-BC'], ['APRN', 'FNP-C']],
  physician_assistant: [['PA-C']],
  chiropractor: [['DC']],
  podiatrist: [['DPM']],
  dentist: [['DDS'], ['DMD']],
  optometrist: [['OD']],
  psychologist: [['PhD'], ['PsyD']],
  therapist: [['LCSW'], ['LMFT'], ['LPC']],
  nurse: [['RN']],
  other: [[]],
};

const SURGICAL = new Set(['207X00000X', '208200000X', '207YS0123X', '208600000X', '207Y00000X']);

/** Languages besides English spoken where the city is. */
function localLanguages(country: string, region: string | null): string[] {
  if (country === 'CA' && region === 'QC') return ['fr'];
  if (country === 'CA') return ['fr', 'zh', 'pa'];
  if (country === 'US') return ['es', 'zh', 'vi', 'ko', 'tl'];
  return ['fr', 'de', 'hi', 'zh', 'ar'];
}

/**
 * Deterministic demo doctors, streamed: the same seed gives the same directory whatever the batch size, and a million
 * rows never sit in memory. No NPI is ever generated (a random valid one may belong to a real person). Cities are
 * dealt round robin so every demo city gets every common specialty.
 */
export function* generateDemoDoctors(count: number, seed = DEMO_SEED): Generator<DemoDoctor> {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const gazetteer = Gazetteer.shared();
  const cities = DEMO_CITIES.map((city) => {
    const match = gazetteer.geocode({ city: city.name, region: city.region, country: city.country });
    if (match.latitude === null || match.longitude === null) throw new Error(`Demo city ${city.name} is not in the gazetteer`);
    return { ...city, latitude: match.latitude, longitude: match.longitude };
  });

  for (let index = 0; index < count; index += 1) {
    const city = cities[index % cities.length];
    const round = Math.floor(index / cities.length);
    const primary = EVERY_CITY[round] ?? faker.helpers.weightedArrayElement(WEIGHTED.map(([value, weight]) => ({ value, weight })));
    const specialty = catalogSpecialtyForCode(primary);
    if (!specialty) throw new Error(`Demo specialty ${primary} is not in the catalog`);
    const clinicianType = specialty.clinicianType;
    const gender = faker.helpers.arrayElement(['female', 'male'] as const);
    const credentials = [...faker.helpers.arrayElement(CREDENTIALS[clinicianType])];
    if (clinicianType === 'physician' && SURGICAL.has(primary) && faker.datatype.boolean({ probability: 0.4 })) credentials.push('FACS');
    const related = WEIGHTED.filter(([code]) => code !== primary && catalogSpecialtyForCode(code)?.clinicianType === clinicianType);
    const secondary =
      related.length > 0 && faker.datatype.boolean({ probability: 0.15 })
        ? faker.helpers.weightedArrayElement(related.map(([value, weight]) => ({ value, weight })))
        : undefined;
    const conditions = faker.helpers.arrayElements(CONDITIONS[primary] ?? GENERAL, { min: 2, max: 4 });
    const familyName = faker.person.lastName();
    const languages = ['en', ...(faker.datatype.boolean({ probability: 0.3 }) ? [faker.helpers.arrayElement(localLanguages(city.country, city.region))] : [])];
    yield {
      givenName: faker.person.firstName(gender),
      familyName,
      gender,
      credentials,
      clinicianType,
      specialtyCodes: secondary ? [primary, secondary] : [primary],
      languages,
      bio: `${specialty.practitionerNoun} in ${city.name}. Sees patients for ${conditions.join(', ')}.`,
      telehealth: faker.datatype.boolean({ probability: 0.45 }),
      acceptingNewPatients: faker.datatype.boolean({ probability: 0.7 }),
      location: {
        addressLine1: faker.location.streetAddress(),
        city: city.name,
        region: city.region,
        country: city.country,
        phone: faker.phone.number({ style: 'national' }),
        // Within a few kilometres of the centre, so radius searches behave as in a real city.
        latitude: city.latitude + faker.number.float({ min: -0.04, max: 0.04 }),
        longitude: city.longitude + faker.number.float({ min: -0.05, max: 0.05 }),
      },
    };
  }
}
