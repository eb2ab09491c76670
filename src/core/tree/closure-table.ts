import { type EntityManager } from 'typeorm';
import { shareLockClause } from '../database/row-locks';
import { takeLock } from '../database/cluster-lock';

/**
 * A tree stored as a closure table: one row (ancestor, descendant, depth) for every pair on a path, including
 * each node with itself at depth 0. "Is A above B" is one primary-key lookup and "everyone below A" one range
 * scan (`docs/adr/0006-closure-tables.md`). Every change runs inside the caller's transaction, with the change it
 * follows from.
 */
export class ClosureTable {
  constructor(private readonly table: string) {}

  private q(em: EntityManager): string {
    return em.connection.driver.escape(this.table);
  }

  /**
   * Serialises changes to this tree's shape until the transaction ends (its `lock_row`, written, so that a Galera
   * cluster orders them too): concurrent moves could otherwise each pass the cycle check and together close a loop.
   * Taken by every method that changes rows.
   */
  lock(em: EntityManager): Promise<void> {
    return takeLock(em, `tree:${this.table}`);
  }

  /** Adds a new node under `parentId` (or as a root). */
  async insertNode(em: EntityManager, nodeId: number, parentId: number | null): Promise<void> {
    await this.lock(em);
    const t = this.q(em);
    await em.query(`INSERT INTO ${t} (ancestor_id, descendant_id, depth) VALUES (?, ?, 0)`, [nodeId, nodeId]);
    if (parentId !== null) {
      await em.query(
        `INSERT INTO ${t} (ancestor_id, descendant_id, depth) SELECT ancestor_id, ?, depth + 1 FROM ${t} WHERE descendant_id = ?`,
        [nodeId, parentId],
      );
    }
  }

  /** True when `ancestorId` is `descendantId` or above it, as committed now (a locking read on MySQL). */
  async isAncestorOrSelf(em: EntityManager, ancestorId: number, descendantId: number): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 AS found FROM ${this.q(em)} WHERE ancestor_id = ? AND descendant_id = ?${shareLockClause(em)}`,
      [ancestorId, descendantId],
    );
    return rows.length > 0;
  }

  /** Moving `nodeId` under `newParentId` would put it below itself. Takes the tree lock first. */
  async wouldCycle(em: EntityManager, nodeId: number, newParentId: number): Promise<boolean> {
    await this.lock(em);
    return this.isAncestorOrSelf(em, nodeId, newParentId);
  }

  /**
   * Re-hangs the subtree of `nodeId` under `newParentId` (or makes it a root): the subtree's links to its old
   * ancestors go, links to the new ancestors come. The caller checks `wouldCycle` first.
   */
  async moveSubtree(em: EntityManager, nodeId: number, newParentId: number | null): Promise<void> {
    await this.lock(em);
    const t = this.q(em);
    // The derived tables make MySQL materialise the id lists before deleting from the same table.
    await em.query(
      `DELETE FROM ${t}
        WHERE descendant_id IN (SELECT d FROM (SELECT descendant_id AS d FROM ${t} WHERE ancestor_id = ?) AS subtree)
          AND ancestor_id IN (SELECT a FROM (SELECT ancestor_id AS a FROM ${t} WHERE descendant_id = ? AND depth > 0) AS above)`,
      [nodeId, nodeId],
    );
    if (newParentId !== null) {
      await em.query(
        `INSERT INTO ${t} (ancestor_id, descendant_id, depth)
         SELECT above.ancestor_id, subtree.descendant_id, above.depth + subtree.depth + 1
           FROM ${t} above CROSS JOIN ${t} subtree
          WHERE above.descendant_id = ? AND subtree.ancestor_id = ?`,
        [newParentId, nodeId],
      );
    }
  }
}
