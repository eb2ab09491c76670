import { ExpectationRating } from './evaluation-enums';
import { achievement, resultOfRhk, suggestResultRating } from './result-suggestion';

const A = ExpectationRating.DI_ATAS_EKSPEKTASI;
const S = ExpectationRating.SESUAI_EKSPEKTASI;
const B = ExpectationRating.DI_BAWAH_EKSPEKTASI;

describe('achievement of an indicator', () => {
  it('takes the latest value of a rate', () => {
    expect(
      achievement(95, '%', [
        { subPeriod: 2, value: 88 },
        { subPeriod: 1, value: 70 },
      ]),
    ).toBeCloseTo(88 / 95);
  });
  it('adds up a count', () => {
    expect(
      achievement(120, 'bayi', [
        { subPeriod: 1, value: 30 },
        { subPeriod: 2, value: 40 },
        { subPeriod: 3, value: null },
      ]),
    ).toBeCloseTo(70 / 120);
  });
  it('is unknown without a target or a value', () => {
    expect(achievement(null, '%', [{ subPeriod: 1, value: 1 }])).toBeNull();
    expect(achievement(95, '%', [])).toBeNull();
  });
  it('treats a zero target as met by zero', () => {
    expect(achievement(0, 'kasus', [{ subPeriod: 1, value: 0 }])).toBe(1);
  });
});

describe('the result rating suggested from the realizations', () => {
  it.each([
    [[1.2, 1.1], A],
    [[1.0, 0.92], S],
    [[0.5, 0.7], B],
    [[], null],
  ])('RHK with achievements %j → %s', (values, expected) => {
    expect(resultOfRhk(values)).toBe(expected);
  });

  it.each([
    [
      'all main above',
      [
        { main: true, rating: A },
        { main: true, rating: A },
      ],
      A,
    ],
    [
      'most above, one main of four below',
      [
        { main: true, rating: A },
        { main: true, rating: A },
        { main: true, rating: A },
        { main: true, rating: B },
      ],
      S,
    ],
    [
      'one main of three below is not a small share',
      [
        { main: true, rating: A },
        { main: true, rating: A },
        { main: true, rating: B },
      ],
      B,
    ],
    [
      'most meet, a small share of mains below',
      [
        { main: true, rating: S },
        { main: true, rating: S },
        { main: true, rating: S },
        { main: true, rating: B },
      ],
      S,
    ],
    [
      'most below',
      [
        { main: true, rating: B },
        { main: true, rating: B },
        { main: false, rating: A },
      ],
      B,
    ],
    [
      'half below',
      [
        { main: true, rating: S },
        { main: true, rating: B },
      ],
      B,
    ],
    [
      'additional above does not outweigh mains',
      [
        { main: true, rating: S },
        { main: false, rating: A },
      ],
      S,
    ],
    ['nothing measured', [{ main: true, rating: null }], null],
  ])('%s', (_name, rhks, expected) => {
    expect(suggestResultRating(rhks as Array<{ main: boolean; rating: ExpectationRating | null }>)).toBe(expected);
  });
});
