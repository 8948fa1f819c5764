import { foldForMatch } from '../common/text/fold.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { LocationInputDto } from './dto/doctor-input.dto.js';
import type { PracticeLocation } from './entities/practice-location.entity.js';

export type LocationRow = Omit<PracticeLocation, 'id' | 'doctorId'>;

/**
 * Fills coordinates from the postal code or city (client coordinates win). An ambiguous name takes the most
 * populous match and says so; an unknown place is kept as written, without coordinates, and reported.
 */
export function geocodeLocation(input: LocationInputDto, position: number, gazetteer: Gazetteer): LocationRow {
  const provided = input.latitude !== undefined && input.longitude !== undefined;
  const result = gazetteer.geocode({
    city: input.city ?? undefined,
    region: input.region ?? undefined,
    country: input.country,
    postalCode: input.postalCode ?? undefined,
  });
  const city = result.status === 'unknown' ? (input.city ?? null) : (result.city ?? input.city ?? null);
  return {
    position,
    addressLine1: input.addressLine1 ?? null,
    addressLine2: input.addressLine2 ?? null,
    city,
    cityKey: city ? foldForMatch(city) : null,
    region: input.region ?? result.region,
    postalCode: input.postalCode ?? null,
    country: input.country.toUpperCase(),
    phone: input.phone ?? null,
    latitude: provided ? (input.latitude as number) : result.latitude,
    longitude: provided ? (input.longitude as number) : result.longitude,
    geocodeStatus: provided ? 'provided' : result.status,
    geocodeNote: provided ? null : result.warning,
    externalId: null,
  };
}
