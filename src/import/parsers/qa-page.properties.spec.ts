import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Gazetteer } from '../../geo/gazetteer.js';
import { normaliseQaInput, parseQaPage, type QaPageParse } from './qa-page.parser.js';

beforeAll(() => {
  Gazetteer.shared();
});

/** Every piece of text the parse outputs, cut the way it must appear in the normalised input. */
function outputTexts(parse: QaPageParse): string[] {
  const paragraphs = (text: string): string[] => (text === '' ? [] : text.split('\n\n'));
  return [
    parse.question.title,
    ...paragraphs(parse.question.body),
    ...parse.answers.flatMap((answer) => [
      ...(answer.title === null ? [] : [answer.title]),
      ...paragraphs(answer.body),
      ...(answer.author === null
        ? []
        : [answer.author.name, answer.author.city, answer.author.specialty, ...answer.author.signature.split('\n')].filter((text) => text !== null)),
      ...answer.mentions.map((mention) => mention.text),
    ]),
  ];
}

function expectOnlyInputText(input: string): void {
  const parse = parseQaPage(input);
  const normalised = normaliseQaInput(input);
  for (const text of outputTexts(parse)) expect(normalised).toContain(text);
}

// Pieces of real pages, so random soups hit signature, noise and mention paths, not just plain words.
const PAGE_TOKENS = [
  'Jane Roe, MD',
  'Toronto Dermatologist',
  'Saint Louis Dermatologic Surgeon',
  'Quillanbrook Plastic Surgeon',
  '4.7 out of 5 stars 2 reviews',
  '4.7 out of 5',
  'M.D., F.A.A.C.S.',
  'Dr. Roe',
  'Best,',
  'Helpful',
  '+2',
  'Doctor Answers (3)',
  'You might also like',
  'Ask a doctor',
  'A short title',
  'A body sentence.',
  '?',
  ',',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '<p>',
  '</p>',
  '<br>',
  '<div>',
];
const pageSoup = fc.array(fc.constantFrom(...PAGE_TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(''));

describe('parseQaPage on arbitrary input', () => {
  it.each([
    ['ASCII strings', fc.string({ maxLength: 400 })],
    ['full Unicode strings', fc.string({ unit: 'binary', maxLength: 400 })],
    ['grapheme strings', fc.string({ unit: 'grapheme', maxLength: 200 })],
    ['soups of page pieces', pageSoup],
  ])('never throws and outputs only text from the input, for %s', (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (input) => {
        expectOnlyInputText(input);
      }),
      { numRuns: 300 },
    );
  });
});

// Invented people, places from the gazetteer, nouns from the specialty catalog.
const FIRST_NAMES = ['Priya', 'Oliver', 'Hugh', 'Amara', 'Nadia', 'Tomasz', 'Lena', 'Marcus', 'Ines', 'Kofi'];
const FAMILY_NAMES = ['Raman', 'Whitfield', 'Carrington', 'Okafor', 'Fernsby', 'Brennan', 'Marchetti', 'Oyelaran', 'Valdor', 'Asante'];
const ABSENT_NAMES = ['Zabrowski', 'Quennell', 'Ostrander', 'Pemberly', 'Lachance', 'Ibarrola'];
const CREDENTIALS = ['MD', 'MD, FACS', 'MBBS, FRACS', 'MD, FRCPC', 'MD, FRCSC', 'M.D., F.A.A.C.S.', 'DO'];
const CITIES = ['Toronto', 'Sydney', 'Manchester', 'Denver', 'Seattle', 'Saint Louis', 'Chicago', 'Ontario', 'Australia'];
const NOUNS = ['Dermatologist', 'Plastic Surgeon', 'Facial Plastic Surgeon', 'Dermatologic Surgeon', 'Oculoplastic Surgeon', 'Otolaryngologist'];
const TITLE_WORDS = ['botox', 'filler', 'bruising', 'swelling', 'results', 'recovery', 'is', 'not', 'a', 'cause', 'for', 'concern', 'likely', 'temporary', 'and', 'usually', 'fades'];
const SENTENCE_WORDS = [...TITLE_WORDS, 'the', 'your', 'after', 'weeks', 'doctor', 'should', 'check', 'this', 'it', 'may', 'help', 'to', 'wait'];
const NOISE = ['+2', '-1', 'Helpful', 'Share', 'Helpful Share', 'This answer is for informational purposes only and is not medical advice.'];

const capitalised = (words: string[]): string => words.join(' ').replace(/^\p{Ll}/u, (letter) => letter.toUpperCase());
const title = fc.array(fc.constantFrom(...TITLE_WORDS), { minLength: 2, maxLength: 8 }).map(capitalised);
const sentence = fc.array(fc.constantFrom(...SENTENCE_WORDS), { minLength: 5, maxLength: 14 }).map((words) => `${capitalised(words)}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((sentences) => sentences.join(' '));

interface Signature {
  name: string | null;
  credentials: string;
  city: string | null;
  noun: string;
  rating: { value: string; count: number } | null;
}

const signature: fc.Arbitrary<Signature> = fc
  .record({
    first: fc.constantFrom(...FIRST_NAMES),
    credentials: fc.constantFrom(...CREDENTIALS),
    city: fc.constantFrom(...CITIES),
    noun: fc.constantFrom(...NOUNS),
    rating: fc.option(fc.record({ value: fc.constantFrom('4.2', '4.7', '5.0', '3.9'), count: fc.integer({ min: 1, max: 2500 }) })),
    // A block has a name line, a location line, or both.
    shape: fc.constantFrom('name-location', 'name-only', 'location-only'),
  })
  .map(({ first, credentials, city, noun, rating, shape }) => ({
    name: shape === 'location-only' ? null : first,
    credentials,
    city: shape === 'name-only' ? null : city,
    noun,
    rating,
  }));

interface GeneratedAnswer {
  title: string | null;
  paragraphs: string[];
  signature: Signature | null;
  mentions: number[];
}

const answerDraft = fc.record({
  title: fc.option(title),
  paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 3 }),
  signature: fc.option(signature),
  signOff: fc.constantFrom('none', 'best', 'alone'),
  mentions: fc.array(fc.nat(9), { maxLength: 2 }),
});

interface GeneratedPage {
  text: string;
  questionTitle: string;
  questionBody: string;
  answers: (GeneratedAnswer & { familyName: string | null; body: string })[];
}

const generatedPage: fc.Arbitrary<GeneratedPage> = fc
  .record({
    questionTitle: title.map((text) => `${text}?`),
    questionBody: fc.array(paragraph, { minLength: 1, maxLength: 2 }),
    header: fc.boolean(),
    answers: fc.array(answerDraft, { minLength: 1, maxLength: 6 }),
    familyNames: fc.shuffledSubarray(FAMILY_NAMES, { minLength: 6, maxLength: 6 }),
    noise: fc.array(fc.constantFrom(...NOISE, null, null, null), { minLength: 64, maxLength: 64 }),
    lineEnding: fc.constantFrom('\n', '\r\n', '\r'),
    padding: fc.constantFrom('', ' ', '\t', '  '),
  })
  .map(({ questionTitle, questionBody, header, answers, familyNames, noise, lineEnding, padding }) => {
    const blocks: string[] = ['Ask a doctor', questionTitle, ...questionBody];
    if (header) blocks.push(`Doctor Answers (${answers.length})`);
    let noiseIndex = 0;
    const withNoise = (block: string): void => {
      const extra = noise[noiseIndex++ % noise.length];
      if (extra !== null && extra !== undefined) blocks.push(extra);
      blocks.push(block);
    };
    const built = answers.map((draft, index) => {
      // Only a signature or the answers header shows where an untitled answer starts.
      const previousSigned = index === 0 ? header : answers[index - 1]?.signature != null;
      const answerTitle = previousSigned ? draft.title : (draft.title ?? 'Botox is not the cause');
      const familyName = draft.signature?.name == null ? null : (familyNames[index] ?? null);
      const mentioned = [...new Set(draft.mentions.map((target) => target % answers.length))].filter((target) => target !== index);
      const paragraphs = [...draft.paragraphs];
      for (const target of mentioned) {
        // An unsigned answer has no author to resolve to: name someone who is not on the page.
        const name = answers[target]?.signature?.name == null ? ABSENT_NAMES[target] : familyNames[target];
        paragraphs.push(`I agree with Dr. ${name} on this.`);
      }
      if (draft.signOff === 'best' && familyName !== null) paragraphs.push(`Best,\nDr. ${familyName}`);
      if (draft.signOff === 'alone' && familyName !== null) paragraphs.splice(1, 0, `Dr. ${familyName}`);
      return { ...draft, title: answerTitle, paragraphs, familyName, mentions: mentioned, body: paragraphs.join('\n\n') };
    });
    for (const answer of built) {
      if (answer.title !== null) withNoise(answer.title);
      answer.paragraphs.forEach(withNoise);
      const sig = answer.signature;
      if (sig === null) continue;
      const lines = [
        ...(sig.name === null ? [] : [`${sig.name} ${answer.familyName}, ${sig.credentials}`]),
        ...(sig.city === null ? [] : [`${sig.city} ${sig.noun}`]),
        ...(sig.rating === null ? [] : [`${sig.rating.value} out of 5 stars ${sig.rating.count} review${sig.rating.count === 1 ? '' : 's'}`]),
      ];
      withNoise(lines.join('\n'));
    }
    const text = blocks
      .join('\n\n')
      .split('\n')
      .map((line) => `${padding}${line}${padding}`)
      .join(lineEnding);
    return { text, questionTitle, questionBody: questionBody.join('\n\n'), answers: built };
  });

describe('parseQaPage on generated pages', () => {
  it('outputs only text from the input', () => {
    fc.assert(
      fc.property(generatedPage, (generated) => {
        expectOnlyInputText(generated.text);
      }),
      { numRuns: 200 },
    );
  });

  it('recovers the structure the page was built from', () => {
    fc.assert(
      fc.property(generatedPage, (generated) => {
        const parse = parseQaPage(generated.text);
        expect(parse.question).toEqual({ title: generated.questionTitle, body: generated.questionBody });
        expect(parse.answers.map((answer) => ({ title: answer.title, body: answer.body }))).toEqual(
          generated.answers.map((answer) => ({ title: answer.title, body: answer.body })),
        );
        expect(parse.answers.map((answer) => answer.author)).toEqual(
          generated.answers.map(({ signature: sig, familyName }) =>
            sig === null
              ? null
              : expect.objectContaining({
                  name: sig.name === null ? null : `${sig.name} ${familyName}`,
                  city: sig.city,
                  specialty: sig.city === null ? null : sig.noun,
                  rating: sig.rating === null ? null : Number(sig.rating.value),
                  reviewCount: sig.rating?.count ?? null,
                }),
          ),
        );
        expect(parse.answers.map((answer) => answer.mentions.map((mention) => mention.answerIndex))).toEqual(
          generated.answers.map((answer) => answer.mentions.map((target) => (generated.answers[target]?.signature?.name == null ? null : target))),
        );
        expect(parse.warnings).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
