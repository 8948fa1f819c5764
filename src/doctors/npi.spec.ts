import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit } from './npi.js';

const nineDigits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 });

describe('npiCheckDigit', () => {
  it('matches the worked example of the CMS NPI check-digit standard', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
  });

  it.each(['12345678', '1234567890', '12345678a', ' 23456789', ''])('rejects %j', (value) => {
    expect(() => npiCheckDigit(value)).toThrow(RangeError);
  });
});

describe('isValidNpi', () => {
  it('accepts a number with the right check digit', () => {
    expect(isValidNpi('1234567893')).toBe(true);
  });

  it.each(['1234567890', '123456789', '12345678931', '123456789 3', '１２３４５６７８９３', '', 'abcdefghij'])(
    'rejects %j',
    (value) => {
      expect(isValidNpi(value)).toBe(false);
    },
  );

  it('accepts exactly one last digit for any nine first digits', () => {
    fc.assert(
      fc.property(nineDigits, fc.integer({ min: 0, max: 9 }), (first9, lastDigit) => {
        const checkDigit = npiCheckDigit(first9);
        expect(isValidNpi(`${first9}${lastDigit}`)).toBe(lastDigit === checkDigit);
      }),
    );
  });

  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(nineDigits, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (first9, position, shift) => {
        const npi = `${first9}${npiCheckDigit(first9)}`;
        const typo = npi.slice(0, position) + String((Number(npi[position]) + shift) % 10) + npi.slice(position + 1);
        expect(isValidNpi(typo)).toBe(false);
      }),
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(typeof isValidNpi(value)).toBe('boolean');
      }),
    );
  });
});
