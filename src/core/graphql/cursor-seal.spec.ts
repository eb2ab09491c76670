import { configureCursorSecret, openCursor, sealCursor } from './cursor-seal';

describe('sealed cursors', () => {
  afterAll(() => configureCursorSecret(undefined));

  it('instances given the same secret read each other’s cursors; another secret reads none', () => {
    configureCursorSecret('s'.repeat(32));
    const cursor = sealCursor('["Frans Asso",16]');
    expect(sealCursor('["Frans Asso",16]')).toBe(cursor);
    expect(sealCursor('["Frans Asso",17]')).not.toBe(cursor);
    // A second instance: the keys are derived again from the same secret.
    configureCursorSecret('s'.repeat(32));
    expect(openCursor(cursor)).toBe('["Frans Asso",16]');
    configureCursorSecret('t'.repeat(32));
    expect(openCursor(cursor)).toBeUndefined();
  });
});
