/** One mailbox, one key: surrounding space and letter case never make a second account or lockout counter. */
export const normaliseEmail = (email: string): string => email.normalize('NFC').trim().toLowerCase();

/** The domain part of a normalised e-mail address. */
export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1);
