import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BURST_RULE, isBurst, textFlags } from './moderation-rules.js';

describe('text moderation rules', () => {
  it.each([
    ['Book at https://cheap-botox.example/now', ['link']],
    ['see www.drsmith-reviews.com for more', ['link']],
    ['visit drsmithclinic.com today', ['link']],
    ['Great clinic, bestdeals.health/botox', ['link']],
    ['Call me at (206) 555-0134 for a discount', ['phone']],
    ['call 206-555-0134', ['phone']],
    ['call 206.555.0134', ['phone']],
    ['+1 206 555 0134', ['phone']],
    ['ring +44 20 7946 0958', ['phone']],
    ['text 555-0134', ['phone']],
    ['write to jane.doe@example.com', ['email']],
    ['jane.doe [at] example [dot] com', ['email']],
    ['jane (at) example.com', ['email']],
    ['jane at example dot com', ['email']],
    ['He is a fucking genius', ['profanity']],
    ['What an a$$hole', ['profanity']],
    ['sh1t service', ['profanity']],
    ['f*ck this place', ['profanity']],
    ['fuuuuck', ['profanity']],
    ['Bullshit!', ['profanity']],
    ['SHIT', ['profanity']],
    ['mail me@quack.org or call 206-555-0134, total bullshit, www.x.com', ['link', 'phone', 'email', 'profanity']],
  ])('flags %j', (text, flags) => {
    expect(textFlags(text)).toEqual(flags);
  });

  it.each([
    'Dr. Smith explained everything.In short: excellent.',
    'My appointment was on 2024-03-15 at 9:30 and lasted 45 minutes.',
    'I paid $1,200 after insurance; 3 visits in 2 weeks.',
    'The assistant at the front desk was classy and the class was great.',
    'We drove from Scunthorpe; Dr. Dick Jones was kind.',
    'Only felt a tiny prick from the needle.',
    'St.Louis office, e.g. parking is easy. Rated 4.5/5.',
    'I met her at the clinic. Then we talked.',
    'Wait time about 20-30 minutes, cost 100-150 dollars.',
    'Her NPI is listed on the board website, no need to ask.',
  ])('lets %j through', (text) => {
    expect(textFlags(text)).toEqual([]);
  });

  it('never throws and only returns known flags, in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const flags = textFlags(text);
        expect(flags.every((flag) => ['link', 'phone', 'email', 'profanity'].includes(flag))).toBe(true);
        expect(new Set(flags).size).toBe(flags.length);
      }),
    );
  });

  it('finds a phone number or address wherever it sits in clean text', () => {
    fc.assert(
      fc.property(fc.constantFrom('The staff were kind.', 'Short wait.', ''), fc.constantFrom('(425) 555-0199', 'jo@example.org'), fc.constantFrom('Thanks!', ''), (before, contact, after) => {
        expect(textFlags(`${before} ${contact} ${after}`).length).toBe(1);
      }),
    );
  });
});

describe('burst rule', () => {
  it(`holds reviews once ${BURST_RULE.threshold} come from new accounts within the window`, () => {
    expect(isBurst(BURST_RULE.threshold - 1)).toBe(false);
    expect(isBurst(BURST_RULE.threshold)).toBe(true);
    expect(isBurst(BURST_RULE.threshold + 5)).toBe(true);
  });
});
