import { type Appraisal } from '../appraisal/appraisal.entity';
import { Indicator } from './indicator.entity';
import { VersionedCache } from '../../core/util/versioned-cache';
import { PlanContentCache } from './plan-content-cache';
import { WorkResultPlan } from './work-result-plan.entity';

const plan = (id: number, version: number) => ({ rowId: id, version }) as Appraisal;
const rhk = (id: number) => Object.assign(new WorkResultPlan(), { rowId: id, text: `RHK ${id}` });
const indicator = (id: number) => Object.assign(new Indicator(), { rowId: id, text: `IKI ${id}` });

describe('PlanContentCache: plan content by the plan’s id and version', () => {
  it('answers only for the version it was read at', () => {
    const cache = new PlanContentCache();
    cache.set(plan(1, 3), [rhk(10)], [[indicator(100), indicator(101)]]);
    const content = cache.get(plan(1, 3))!;
    expect(content.rhks.map((r) => r.rowId)).toEqual([10]);
    expect(content.indicatorsOf.get(10)!.map((i) => i.rowId)).toEqual([100, 101]);
    expect(cache.get(plan(1, 4))).toBeUndefined();
    expect(cache.get(plan(2, 3))).toBeUndefined();
  });

  it('keeps the entities frozen: a change to a shared one throws instead of reaching the next request', () => {
    const cache = new PlanContentCache();
    cache.set(plan(1, 1), [rhk(10)], [[indicator(100)]]);
    const content = cache.get(plan(1, 1))!;
    expect(() => {
      (content.rhks[0] as { text: string }).text = 'changed';
    }).toThrow(TypeError);
    expect(() => (content.indicatorsOf.get(10) as Indicator[]).push(indicator(101))).toThrow(TypeError);
  });

  it('holds at most its limit, dropping the plan read least recently', () => {
    const cache = new PlanContentCache(new VersionedCache(2));
    cache.set(plan(1, 1), [], []);
    cache.set(plan(2, 1), [], []);
    cache.get(plan(1, 1));
    cache.set(plan(3, 1), [], []);
    expect(cache.size).toBe(2);
    expect(cache.get(plan(2, 1))).toBeUndefined();
    expect(cache.get(plan(1, 1))).toBeDefined();
    expect(cache.get(plan(3, 1))).toBeDefined();
  });
});
