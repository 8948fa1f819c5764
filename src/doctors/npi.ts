const NPI_PATTERN = /^\d{10}$/;
const NPI_PREFIX_PATTERN = /^\d{9}$/;
/** The ISO card-issuer prefix CMS puts in front of every NPI before the Luhn check (80840 = US health). */
const CARD_ISSUER_PREFIX = '80840';

/** Luhn check digit of the first nine NPI digits. Throws RangeError unless given exactly nine digits. */
export function npiCheckDigit(first9: string): number {
  if (!NPI_PREFIX_PATTERN.test(first9)) {
    throw new RangeError(`An NPI check digit needs exactly 9 digits, got "${first9}"`);
  }
  const payload = CARD_ISSUER_PREFIX + first9;
  let sum = 0;
  // Walking right to left, the digit next to the (missing) check digit is doubled first.
  for (let offset = 0; offset < payload.length; offset += 1) {
    const digit = Number(payload[payload.length - 1 - offset]);
    const weighted = offset % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (sum % 10)) % 10;
}

/** Ten digits whose last digit is the CMS Luhn check digit; never throws. */
export function isValidNpi(value: string): boolean {
  return NPI_PATTERN.test(value) && npiCheckDigit(value.slice(0, 9)) === Number(value[9]);
}
