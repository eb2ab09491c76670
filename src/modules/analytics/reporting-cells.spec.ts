import { buildReportingCells, type ClassCount, golonganOf, OTHER, type UnitLink } from './reporting-cells';

/**
 * Region ─┬ A (2 FUNG III/a)            ─┬ A1 (6 FUNG III/a, 1 PELAKSANA II/c)
 *         │                              └ A2 (3 FUNG III/b)
 *         └ B (1 JPT IV/c)              ── B1 (2 PELAKSANA II/a)
 */
const units: UnitLink[] = [
  { id: 1, parentId: null },
  { id: 10, parentId: 1 },
  { id: 11, parentId: 10 },
  { id: 12, parentId: 10 },
  { id: 20, parentId: 1 },
  { id: 21, parentId: 20 },
];
const counts: ClassCount[] = [
  { unitId: 10, positionKind: 'FUNGSIONAL', grade: 'III/a', plans: 2 },
  { unitId: 11, positionKind: 'FUNGSIONAL', grade: 'III/a', plans: 6 },
  { unitId: 11, positionKind: 'PELAKSANA', grade: 'II/c', plans: 1 },
  { unitId: 12, positionKind: 'FUNGSIONAL', grade: 'III/b', plans: 3 },
  { unitId: 20, positionKind: 'JPT', grade: 'IV/c', plans: 1 },
  { unitId: 21, positionKind: 'PELAKSANA', grade: 'II/a', plans: 2 },
];

describe('reporting cells', () => {
  it('recodes a grade to its golongan, contract grades to PPPK', () => {
    expect([golonganOf('III/a'), golonganOf('IV/e'), golonganOf('IX'), golonganOf('V')]).toEqual([
      'III',
      'IV',
      'PPPK',
      'PPPK',
    ]);
  });

  it('rolls small units up into the unit above until a block has the floor, and never releases a small remainder at the top', () => {
    const { cells, cellOf } = buildReportingCells(units, counts, 5);
    // A1 (7) is a block; A2 (3) goes up into A (2 + 3 = 5); B1 and B (3) reach the root with nothing else: withheld.
    expect(new Set(cells.map((c) => c.anchorUnitId))).toEqual(new Set([11, 10]));
    expect(cellOf(12, 'FUNGSIONAL', 'III/b')?.anchorUnitId).toBe(10);
    expect(cellOf(21, 'PELAKSANA', 'II/a')).toBeUndefined();
    expect(cellOf(20, 'JPT', 'IV/c')).toBeUndefined();
  });

  it('a residual under the floor takes in the smallest class beside it, so no cell follows from a total', () => {
    const { cellOf } = buildReportingCells(units, counts, 5);
    // A1: FUNG III (6) would be a cell, PELAKSANA II (1) alone a residual of 1: both become one residual cell of 7.
    const fung = cellOf(11, 'FUNGSIONAL', 'III/a')!;
    expect(fung).toBe(cellOf(11, 'PELAKSANA', 'II/c'));
    expect(fung).toMatchObject({ positionKind: OTHER, golongan: OTHER, plans: 7 });
    // A: FUNG III (2 + 3) is a cell of its own.
    expect(cellOf(10, 'FUNGSIONAL', 'III/a')).toMatchObject({ positionKind: 'FUNGSIONAL', golongan: 'III', plans: 5 });
  });

  it('every cell holds at least the floor, and every plan is in at most one cell, for any floor', () => {
    for (const floor of [1, 2, 3, 5, 8, 20]) {
      const { cells, cellOf } = buildReportingCells(units, counts, floor);
      for (const cell of cells) expect(cell.plans).toBeGreaterThanOrEqual(floor);
      const released = counts
        .filter((c) => cellOf(c.unitId, c.positionKind, c.grade) !== undefined)
        .reduce((s, c) => s + c.plans, 0);
      expect(released).toBe(cells.reduce((s, c) => s + c.plans, 0));
    }
  });

  it('a floor of 1 keeps each unit and class apart', () => {
    const { cells } = buildReportingCells(units, counts, 1);
    expect(cells).toHaveLength(counts.length);
  });
});
