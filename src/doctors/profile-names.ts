import { slugify } from '../common/text/fold.js';

/** "Sam Naficy, MD, FACS": the name with its suffix, then the credentials. */
export function displayNameOf(givenName: string, familyName: string, nameSuffix: string | null, credentials: readonly string[]): string {
  const name = [givenName, familyName, nameSuffix].filter(Boolean).join(' ');
  return credentials.length > 0 ? `${name}, ${credentials.join(', ')}` : name;
}

/** The slug a profile wants (`sam-naficy-seattle`) before it is made unique. */
export function slugBase(givenName: string, familyName: string, city: string | null | undefined): string {
  return slugify([givenName, familyName, city].filter(Boolean).join(' ')) || 'doctor';
}
