import { emailDomain } from '../../accounts/email.js';

/**
 * Whether an e-mail address is at the domain of a website: the same host (ignoring `www.`), or a subdomain of it
 * (mail.clinic.com for clinic.com). Not the other way round: a site on a shared host (sites.example.com) must not
 * be claimable by anyone with an address at example.com.
 */
export function emailMatchesWebsite(email: string, website: string | null): boolean {
  if (!website) return false;
  let host: string;
  try {
    host = new URL(website).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  host = host.replace(/^www\./, '');
  const domain = emailDomain(email.toLowerCase());
  if (!host.includes('.') || !domain) return false;
  return domain === host || domain.endsWith(`.${host}`);
}
