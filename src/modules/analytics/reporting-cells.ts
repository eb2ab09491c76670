/**
 * The fixed partition of a year's plans into reporting cells that every aggregates-only (analyst) answer is built
 * from (docs/adr/0001-analyst-disclosure-control.md). Every figure an analyst receives is a sum over whole cells,
 * and every cell holds at least `floor` plans, so no combination of answers (differences of nested units,
 * breakdowns against each other, exports) narrows down to fewer than `floor` people.
 *
 * 1. Blocks: units roll up, bottom-up, into the nearest unit above them until a block holds `floor` plans. What is
 *    left at the top with fewer is never released.
 * 2. Cells: within a block, plans are cross-classified by position kind and golongan (the grade recoded to its
 *    group: III/a → III; contract grades → PPPK). A class with `floor` plans or more is a cell of its own; the
 *    rest form the block's residual cell ("LAINNYA"). A residual with fewer than `floor` plans takes in the block's
 *    smallest class (complementary suppression), so that no residual can be worked out by subtraction.
 *
 * The partition is a pure function of the plans and the unit tree, and is the same for every query of a year
 * whatever unit or breakdown it asks for.
 */

/** The label of a residual cell in the position-kind and grade breakdowns. */
export const OTHER = 'LAINNYA';

export interface UnitLink {
  id: number;
  parentId: number | null;
}

/** How many plans of a year have this unit, position kind and grade. */
export interface ClassCount {
  unitId: number;
  positionKind: string;
  grade: string;
  plans: number;
}

export interface ReportingCell {
  id: number;
  /** The unit the cell's block is named after: the highest unit of the block. */
  anchorUnitId: number;
  /** The position kind of every plan in the cell, or OTHER for a residual. */
  positionKind: string;
  /** The golongan of every plan in the cell, or OTHER for a residual. */
  golongan: string;
  plans: number;
}

export interface ReportingCells {
  /** The cell of a plan, or undefined when its class is never released. */
  cellOf(unitId: number, positionKind: string, grade: string): ReportingCell | undefined;
  cells: ReportingCell[];
  /** Each released class with its cell: what is stored when a closed year's cells are published. */
  placements: Placement[];
}

export interface Placement {
  unitId: number;
  positionKind: string;
  grade: string;
  cell: ReportingCell;
}

/** A grade's group: the golongan of a PNS grade (`III/a` → `III`), `PPPK` for a contract grade (`IX`). */
export function golonganOf(grade: string): string {
  const slash = grade.indexOf('/');
  return slash > 0 ? grade.slice(0, slash) : 'PPPK';
}

const classKey = (positionKind: string, golongan: string) => `${positionKind}|${golongan}`;
const planKey = (unitId: number, positionKind: string, grade: string) => `${unitId}|${positionKind}|${grade}`;

export function buildReportingCells(
  units: readonly UnitLink[],
  counts: readonly ClassCount[],
  floor: number,
): ReportingCells {
  const children = new Map<number | null, number[]>();
  const known = new Set(units.map((u) => u.id));
  for (const u of units) {
    // A parent outside the list (should not happen) makes the unit a root rather than losing it.
    const parent = u.parentId !== null && known.has(u.parentId) ? u.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(u.id);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a - b);
  const countsOf = new Map<number, ClassCount[]>();
  for (const c of counts) {
    if (c.plans <= 0) continue;
    const list = countsOf.get(c.unitId) ?? [];
    list.push(c);
    countsOf.set(c.unitId, list);
  }

  const blocks: Array<{ anchor: number; members: ClassCount[] }> = [];
  // Post-order without recursion (trees may be deep): what each unit still carries up to its parent.
  const carried = new Map<number, ClassCount[]>();
  const stack: Array<{ id: number; expanded: boolean }> = (children.get(null) ?? [])
    .map((id) => ({ id, expanded: false }))
    .reverse();
  const roots = new Set(children.get(null) ?? []);
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (!top.expanded) {
      stack.push({ id: top.id, expanded: true });
      for (const child of [...(children.get(top.id) ?? [])].reverse()) stack.push({ id: child, expanded: false });
      continue;
    }
    const members = [...(countsOf.get(top.id) ?? [])];
    for (const child of children.get(top.id) ?? []) {
      members.push(...(carried.get(child) ?? []));
      carried.delete(child);
    }
    const plans = members.reduce((s, m) => s + m.plans, 0);
    if (plans >= floor) blocks.push({ anchor: top.id, members });
    else if (!roots.has(top.id)) carried.set(top.id, members);
    // A root's remainder under the floor is never released.
  }

  const cells: ReportingCell[] = [];
  const placements: Placement[] = [];
  for (const block of blocks) {
    const classes = new Map<string, { positionKind: string; golongan: string; members: ClassCount[]; plans: number }>();
    for (const m of block.members) {
      const golongan = golonganOf(m.grade);
      const key = classKey(m.positionKind, golongan);
      const c = classes.get(key) ?? { positionKind: m.positionKind, golongan, members: [], plans: 0 };
      c.members.push(m);
      c.plans += m.plans;
      classes.set(key, c);
    }
    const ordered = [...classes.values()].sort(
      (a, b) =>
        a.plans - b.plans || classKey(a.positionKind, a.golongan).localeCompare(classKey(b.positionKind, b.golongan)),
    );
    const large = ordered.filter((c) => c.plans >= floor);
    const residual = ordered.filter((c) => c.plans < floor);
    let residualPlans = residual.reduce((s, c) => s + c.plans, 0);
    // Complementary: a residual under the floor absorbs the smallest class shown, until it is large enough.
    while (residualPlans > 0 && residualPlans < floor && large.length > 0) {
      const smallest = large.shift()!;
      residual.push(smallest);
      residualPlans += smallest.plans;
    }
    const place = (members: ClassCount[], positionKind: string, golongan: string, plans: number) => {
      const cell: ReportingCell = { id: cells.length + 1, anchorUnitId: block.anchor, positionKind, golongan, plans };
      cells.push(cell);
      for (const m of members)
        placements.push({ unitId: m.unitId, positionKind: m.positionKind, grade: m.grade, cell });
    };
    for (const c of large) place(c.members, c.positionKind, c.golongan, c.plans);
    if (residualPlans > 0)
      place(
        residual.flatMap((c) => c.members),
        OTHER,
        OTHER,
        residualPlans,
      );
  }
  return reportingCellsOf(placements);
}

/** The partition made of its placements (built just now, or as published for a closed year). */
export function reportingCellsOf(placements: readonly Placement[]): ReportingCells {
  const byPlanKey = new Map<string, ReportingCell>();
  const cells = new Set<ReportingCell>();
  for (const p of placements) {
    byPlanKey.set(planKey(p.unitId, p.positionKind, p.grade), p.cell);
    cells.add(p.cell);
  }
  return {
    cells: [...cells],
    placements: [...placements],
    cellOf: (unitId, positionKind, grade) => byPlanKey.get(planKey(unitId, positionKind, grade)),
  };
}
