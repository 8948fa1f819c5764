import { describe, expect, it } from 'vitest';
import { emailMatchesWebsite } from './claim-domain.js';

describe('emailMatchesWebsite', () => {
  it.each([
    ['dr@clinic.com', 'https://clinic.com', true],
    ['dr@clinic.com', 'https://www.clinic.com/about', true],
    ['DR@Clinic.COM', 'http://WWW.CLINIC.COM', true],
    ['dr@mail.clinic.com', 'https://clinic.com', true],
    ['dr@evilclinic.com', 'https://clinic.com', false],
    ['dr@clinic.com.evil.org', 'https://clinic.com', false],
    ['dr@example.com', 'https://sites.example.com/dr-lee', false],
    ['dr@gmail.com', 'https://clinic.com', false],
    ['dr@clinic.com', null, false],
    ['dr@clinic.com', 'not a url', false],
    ['dr@localhost', 'http://localhost', false],
  ])('%s at %s → %s', (email, website, expected) => {
    expect(emailMatchesWebsite(email, website)).toBe(expected);
  });
});
