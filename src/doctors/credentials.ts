/** Credentials we know, in the casing we show. Matching ignores case, dots and hyphens. */
const KNOWN_CREDENTIALS = [
  // Medical degrees (US, Commonwealth, Ireland)
  'MD', 'DO', 'MBBS', 'MBChB', 'MBBCh', 'BMBS', 'MB', 'BCh', 'BAO', 'BChir',
  // Surgical and medical fellowships and memberships
  'FACS', 'FAACS', 'FRCPC', 'FRCSC', 'FRACS', 'FRACP', 'FRCS', 'FRCP', 'FRCSEd', 'FRCR', 'FRCA', 'FRCOG',
  'FRANZCOG', 'FRANZCO', 'FACD', 'FACEM', 'FRCGP', 'MRCP', 'MRCS', 'MRCGP', 'CCFP', 'FCFP',
  'FAAD', 'FACP', 'FACC', 'FAAP', 'FAAFP', 'FACOG', 'FACE', 'FASN', 'FCCP', 'FAAOS', 'FAAN', 'FAHA',
  'FSCAI', 'FASMBS', 'FACFAS', 'FAANS', 'FAAO', 'FACEP', 'FAPA', 'FAAPMR', 'DABFM', 'DABR',
  // Academic degrees
  'PhD', 'MPH', 'MS', 'MSc', 'MA', 'MBA', 'MHA', 'MHS', 'MEd', 'EdD', 'ScD', 'DrPH', 'BS', 'BSc', 'BA',
  // Nursing and advanced practice
  'NP', 'FNP', 'FNP-BC', 'FNP-C', 'ANP', 'ANP-BC', 'AGNP', 'AGNP-C', 'AGACNP', 'ACNP', 'PMHNP', 'PMHNP-BC',
  'WHNP', 'PNP', 'NNP', 'CNP', 'APRN', 'APN', 'CRNA', 'CNM', 'CNS', 'DNP', 'RN', 'BSN', 'MSN', 'LPN', 'LVN',
  // Physician assistants
  'PA', 'PA-C', 'MPAS',
  // Other doctors and licensed clinicians
  'DC', 'DPM', 'DDS', 'DMD', 'BDS', 'OD', 'PT', 'DPT', 'OT', 'OTR', 'OTD', 'PsyD', 'LCSW', 'LICSW', 'LMFT',
  'LPC', 'LPCC', 'LMHC', 'CCC-SLP', 'SLP', 'AuD', 'PharmD', 'RPh', 'RD', 'RDN', 'LD', 'CDCES', 'ND', 'LAc',
] as const;

// Name parts that look like credentials when written in capitals.
const NOT_CREDENTIALS = new Set(['JR', 'SR', 'II', 'III', 'IV', 'DR', 'MR', 'MRS', 'MISS', 'AND', 'OF', 'THE']);

const SEPARATORS = /[\s,;/]+/;
const UNKNOWN_CREDENTIAL = /^[A-Z]{2,8}$/;
// "M.D.", "Ph.D.", "F.A.A.C.S.": one or two letters per dotted group.
const DOTTED_ABBREVIATION = /^(?:[A-Za-z]{1,2}\.){2,}$/;

const matchKey = (token: string): string => token.replace(/[.-]/g, '').toUpperCase();

const CANONICAL_BY_KEY: ReadonlyMap<string, string> = new Map(KNOWN_CREDENTIALS.map((credential) => [matchKey(credential), credential]));

export interface NormalisedCredentials {
  credentials: string[];
  /** The trimmed original text, array items joined with ", ". */
  raw: string;
}

/** Canonical spelling of one token, or undefined when it does not look like a credential. */
function canonicalCredential(token: string): string | undefined {
  const known = CANONICAL_BY_KEY.get(matchKey(token));
  if (known) return known;
  const undotted = token.replace(/\./g, '');
  return UNKNOWN_CREDENTIAL.test(undotted) && !NOT_CREDENTIALS.has(undotted) ? undotted : undefined;
}

/**
 * Splits credentials on commas, whitespace, semicolons and slashes; "M.D." becomes MD, "Ph.D." PhD.
 * Known credentials take their canonical casing; unknown all-capital tokens of 2-8 letters are kept
 * as written; anything else (board names, words) is dropped from the list but stays in `raw`.
 * A hyphenated token that is not a credential itself ("MD-PhD") is read as its parts.
 */
export function normaliseCredentials(raw: string | readonly string[]): NormalisedCredentials {
  const text = typeof raw === 'string' ? raw.trim() : raw.map((item) => item.trim()).filter(Boolean).join(', ');
  const credentials: string[] = [];
  for (const token of text.split(SEPARATORS)) {
    const whole = canonicalCredential(token);
    const parts = whole ? [whole] : token.split('-').map(canonicalCredential);
    for (const credential of parts) {
      if (credential && !credentials.includes(credential)) credentials.push(credential);
    }
  }
  return { credentials, raw: text };
}

/**
 * Whether one token of a signature is a credential rather than a name part: a known credential
 * written in its canonical casing or in capitals ("MD", "PhD", "PHD") or dotted ("M.D.",
 * "F.A.A.C.S."). Unknown capitals are not enough here, since signatures may be written in capitals,
 * and mixed case is not either, so the surname "Do" stays a name. Surrounding commas are ignored.
 */
export function isCredentialToken(token: string): boolean {
  const trimmed = token.trim().replace(/^[,;]+|[,;]+$/g, '');
  const canonical = CANONICAL_BY_KEY.get(matchKey(trimmed));
  if (!canonical) return false;
  if (DOTTED_ABBREVIATION.test(trimmed)) return true;
  const undotted = trimmed.replace(/\./g, '');
  return undotted === canonical || undotted === canonical.toUpperCase();
}
