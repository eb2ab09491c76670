import { EmploymentType, Gender } from './employee-enums';
import { genderFromNip, nipProblems } from './nip';

const today = new Date(Date.UTC(2026, 10, 28));

describe('NIP validation (docs/domain.md, NIP)', () => {
  it.each([
    ['198609262015051001', EmploymentType.PNS, []],
    ['198613262015051001', EmploymentType.PNS, ['BIRTH_DATE_INVALID']],
    ['19860926201505100', EmploymentType.PNS, ['NOT_18_DIGITS']],
    ['1986092620150510011', EmploymentType.PNS, ['NOT_18_DIGITS']],
    ['19860926201505100a', EmploymentType.PNS, ['NOT_18_DIGITS']],
    ['198609262015053001', EmploymentType.PNS, ['GENDER_DIGIT_INVALID']],
    ['198609262015131001', EmploymentType.PNS, ['TMT_INVALID']],
    ['198609262015001001', EmploymentType.PNS, ['TMT_INVALID']],
    ['198609262003051001', EmploymentType.PNS, ['TMT_BEFORE_ADULTHOOD']],
    ['198609262004091001', EmploymentType.PNS, []],
    ['198609262015051000', EmploymentType.PNS, ['SEQUENCE_INVALID']],
    ['198602302015051001', EmploymentType.PNS, ['BIRTH_DATE_INVALID']],
    ['199502292020012001', EmploymentType.PNS, ['BIRTH_DATE_INVALID']],
    ['199602292020012002', EmploymentType.PNS, []],
    ['198609262030051001', EmploymentType.PNS, ['TMT_INVALID']],
    ['203001012015051001', EmploymentType.PNS, ['BIRTH_DATE_INVALID']],
    // NI PPPK: length, digits and birth date only; the rest of the layout is not settled.
    ['199001152023211001', EmploymentType.PPPK, []],
    ['199013152023211001', EmploymentType.PPPK, ['BIRTH_DATE_INVALID']],
    ['1990011520232110', EmploymentType.PPPK, ['NOT_18_DIGITS']],
  ])('%s as %s → %j', (nip, type, expected) => {
    expect(nipProblems(nip, type, today)).toEqual(expected);
  });

  it('reads the gender digit of a PNS NIP', () => {
    expect(genderFromNip('198609262015051001', EmploymentType.PNS)).toBe(Gender.MALE);
    expect(genderFromNip('198609262015052001', EmploymentType.PNS)).toBe(Gender.FEMALE);
    expect(genderFromNip('199001152023211001', EmploymentType.PPPK)).toBeUndefined();
  });
});
