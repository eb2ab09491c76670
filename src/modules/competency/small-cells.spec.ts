import { withholdSmallCells } from './small-cells';

describe('withholdSmallCells', () => {
  it('shows every cell when none is under the floor, zeros included', () => {
    expect(withholdSmallCells([0, 5, 12, 0], 5)).toEqual([0, 5, 12, 0]);
  });

  it('withholds a small cell and, so it cannot be subtracted from the total, the smallest cell shown', () => {
    expect(withholdSmallCells([0, 1, 9, 6, 0], 5)).toEqual([0, null, 9, null, 0]);
  });

  it('withholds two cells of one: their sum alone would give them away, so a third goes with them', () => {
    expect(withholdSmallCells([1, 1, 7, 20], 5)).toEqual([null, null, null, 20]);
  });

  it('withholds every non-zero cell when all are small', () => {
    expect(withholdSmallCells([2, 0, 3], 5)).toEqual([null, 0, null]);
  });

  it('follows the floor it is given', () => {
    expect(withholdSmallCells([2, 3, 10], 3)).toEqual([null, null, 10]);
    expect(withholdSmallCells([2, 3, 10], 2)).toEqual([2, 3, 10]);
  });
});
