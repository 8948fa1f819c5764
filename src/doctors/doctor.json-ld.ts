import type { DoctorDto, LocationDto } from './dto/doctor-response.dto.js';

export const JSON_LD = 'application/ld+json';

type JsonLd = Record<string, unknown>;

/** Drops null, undefined and empty lists, so the document states only what we know. */
function compact(object: JsonLd): JsonLd {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)));
}

function postalAddress(location: LocationDto): JsonLd {
  return compact({
    '@type': 'PostalAddress',
    streetAddress: [location.addressLine1, location.addressLine2].filter(Boolean).join(', ') || null,
    addressLocality: location.city,
    addressRegion: location.region,
    postalCode: location.postalCode,
    addressCountry: location.country,
  });
}

/**
 * schema.org `Physician` for search engines. `aggregateRating` comes from our own published reviews only: search
 * engines refuse ratings gathered from other sites, so external ratings stay in the JSON API.
 */
export function physicianJsonLd(doctor: DoctorDto, baseUrl: string): JsonLd {
  const url = `${baseUrl}/v1/doctors/${doctor.slug}`;
  const [first] = doctor.locations;
  const own = doctor.rating.own;
  return compact({
    '@context': 'https://schema.org',
    '@type': 'Physician',
    '@id': url,
    url,
    name: doctor.displayName,
    description: doctor.bio,
    image: doctor.photoUrl,
    sameAs: doctor.website,
    identifier: doctor.npi === null ? null : { '@type': 'PropertyValue', propertyID: 'NPI', value: doctor.npi },
    medicalSpecialty: doctor.specialties.map((specialty) => specialty.name),
    address: doctor.locations.map(postalAddress),
    telephone: doctor.locations.find((location) => location.phone !== null)?.phone,
    geo: first?.coordinates ? { '@type': 'GeoCoordinates', latitude: first.coordinates.lat, longitude: first.coordinates.lng } : null,
    knowsLanguage: doctor.languages,
    isAcceptingNewPatients: doctor.acceptingNewPatients,
    aggregateRating:
      own.count > 0 && own.mean !== null
        ? { '@type': 'AggregateRating', ratingValue: Math.round(own.mean * 100) / 100, ratingCount: own.count, reviewCount: own.count, bestRating: 5, worstRating: 1 }
        : null,
  });
}
