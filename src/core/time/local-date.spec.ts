import { addDays, isLocalDate, isWorkingDay, lastDayOfMonth, localDateOf, startOfLocalDay } from './local-date';

describe('local dates in the region', () => {
  it('takes the calendar day in WIT (UTC+9), not UTC', () => {
    // 31 January 15:30 UTC is already 1 February 00:30 in Wamena.
    expect(localDateOf(new Date('2026-01-31T15:30:00Z'), 'Asia/Jayapura')).toBe('2026-02-01');
    expect(localDateOf(new Date('2026-01-31T14:59:59Z'), 'Asia/Jayapura')).toBe('2026-01-31');
    expect(localDateOf(new Date('2026-01-31T15:30:00Z'), 'UTC')).toBe('2026-01-31');
  });

  it('answers each instant afresh when it keeps the last day per zone: the last second before midnight, then midnight', () => {
    expect(localDateOf(new Date('2026-01-31T14:59:59.999Z'), 'Asia/Jayapura')).toBe('2026-01-31');
    expect(localDateOf(new Date('2026-01-31T15:00:00.000Z'), 'Asia/Jayapura')).toBe('2026-02-01');
    expect(localDateOf(new Date('2026-01-31T14:59:59.000Z'), 'Asia/Jayapura')).toBe('2026-01-31');
    expect(localDateOf(new Date('2026-01-31T15:00:00.500Z'), 'UTC')).toBe('2026-01-31');
    expect(localDateOf(new Date('2026-01-31T15:00:00.500Z'), 'Asia/Jayapura')).toBe('2026-02-01');
    // 1900: Jayapura was on local mean time, 9:22:48 ahead of UTC; its midnight falls within a UTC minute.
    expect(localDateOf(new Date('1900-01-01T14:37:11Z'), 'Asia/Jayapura')).toBe('1900-01-01');
    expect(localDateOf(new Date('1900-01-01T14:37:12Z'), 'Asia/Jayapura')).toBe('1900-01-02');
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(lastDayOfMonth(2028, 2)).toBe('2028-02-29');
  });

  it.each([
    ['2026-01-31', true],
    ['2026-02-30', false],
    ['2026-1-5', false],
    ['26-01-05', false],
  ])('%s is a local date: %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });
});

describe('working days and the start of a region day', () => {
  it('counts Monday to Friday as working days', () => {
    // 22 January 2027 is a Friday.
    expect(['2027-01-22', '2027-01-23', '2027-01-24', '2027-01-25'].map(isWorkingDay)).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('starts a WIT day at 15:00 UTC the day before, a UTC day at midnight', () => {
    expect(startOfLocalDay('2027-02-01', 'Asia/Jayapura').toISOString()).toBe('2027-01-31T15:00:00.000Z');
    expect(startOfLocalDay('2027-02-01', 'UTC').toISOString()).toBe('2027-02-01T00:00:00.000Z');
    // Across a daylight-saving change: 31 March 2024 began at 00:00 CET (UTC+1) in Amsterdam.
    expect(startOfLocalDay('2024-03-31', 'Europe/Amsterdam').toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(startOfLocalDay('2024-04-01', 'Europe/Amsterdam').toISOString()).toBe('2024-03-31T22:00:00.000Z');
  });
});
