import { describe, expect, it } from 'vitest';
import { matchRanges, queryWords, takeCity, understandText } from './query-understanding.js';

const DERMATOLOGY = '207N00000X';

describe('understandText', () => {
  it.each([
    ['dermatolgist', [DERMATOLOGY], []],
    ['skin doctor', [DERMATOLOGY], []],
    ['Skin Doctor in Seattle', [DERMATOLOGY], ['seattle']],
    ['dermatologist St. Louis', [DERMATOLOGY], ['saint', 'louis']],
    ['Dr. Naficey', [], ['naficey']],
    ['Montréal', [], ['montreal']],
    ['', [], []],
  ])('%j → specialties %j, words %j', (text, specialtyCodes, terms) => {
    expect(understandText(text)).toEqual({ specialtyCodes, terms });
  });

  it('prefers the longest specialty phrase', () => {
    expect(understandText('primary care physician boston')).toEqual({ specialtyCodes: ['207Q00000X'], terms: ['boston'] });
  });

  it('keeps each word once, and stop words only inside a phrase', () => {
    expect(understandText('the heart the heart')).toEqual({ specialtyCodes: [], terms: ['heart'] });
    expect(queryWords('Eczema in the winter, eczema')).toEqual(['eczema', 'winter']);
  });
});

describe('takeCity', () => {
  it('reads a city after a specialty as the place to look', () => {
    expect(takeCity(understandText('dermatologist albuquerque'))).toEqual({ text: { specialtyCodes: [DERMATOLOGY], terms: [] }, city: 'albuquerque' });
    expect(takeCity(understandText('skin doctor St. Louis acne'))).toMatchObject({ text: { terms: ['acne'] }, city: 'saint louis' });
  });

  it('leaves the words alone without a specialty, or without a known city', () => {
    expect(takeCity(understandText('paris'))).toEqual({ text: { specialtyCodes: [], terms: ['paris'] } });
    expect(takeCity(understandText('dermatologist seatle'))).toEqual({ text: { specialtyCodes: [DERMATOLOGY], terms: ['seatle'] } });
  });
});

describe('matchRanges', () => {
  it('marks whole words starting with a term, as written, without a full stop', () => {
    const text = 'Dr. Élodie Tremblay treats eczema.';
    expect(matchRanges(text, ['elodie', 'ecz']).map(([s, e]) => text.slice(s, e))).toEqual(['Élodie', 'eczema']);
  });

  it('marks nothing without terms', () => {
    expect(matchRanges('anything', [])).toEqual([]);
  });
});
