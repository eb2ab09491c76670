/**
 * Small-cell suppression for aggregates-only readers. A count below the floor is withheld (primary). Since the
 * total is shown, one withheld cell, or withheld cells that can only be all ones, could be worked out by
 * subtraction: so the smallest cell still shown is withheld too (complementary), which makes the withheld sum
 * too large to split back into its cells. Zero cells stay shown: "nobody" identifies nobody.
 */
export function withholdSmallCells(counts: readonly number[], floor: number): Array<number | null> {
  const withheld = counts.map((n) => n > 0 && n < floor);
  if (withheld.some(Boolean)) {
    let smallest = -1;
    counts.forEach((n, i) => {
      if (!withheld[i] && n > 0 && (smallest < 0 || n < counts[smallest]!)) smallest = i;
    });
    if (smallest >= 0) withheld[smallest] = true;
  }
  return counts.map((n, i) => (withheld[i] ? null : n));
}
