import { Entity, PrimaryColumn } from 'typeorm';

/** One row per closure table, locked while that tree changes shape (see the tree-locks migration). */
@Entity('tree_lock')
export class TreeLock {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;
}
