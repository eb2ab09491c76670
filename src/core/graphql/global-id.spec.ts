import { fromGlobalId, toGlobalId } from './global-id';

describe('global ids', () => {
  it('mint base64url of Type:id, the same each time, and decode back', () => {
    const id = toGlobalId('Employee', 42);
    expect(id).toBe(Buffer.from('Employee:42').toString('base64url'));
    expect(toGlobalId('Employee', 42)).toBe(id);
    expect(fromGlobalId(id)).toEqual({ typeName: 'Employee', id: 42 });
  });

  it('keep types apart for the same number, and numbers apart for the same type', () => {
    expect(toGlobalId('Appraisal', 7)).not.toBe(toGlobalId('Indicator', 7));
    expect(fromGlobalId(toGlobalId('Indicator', 7))).toEqual({ typeName: 'Indicator', id: 7 });
    expect(fromGlobalId(toGlobalId('Indicator', 8))).toEqual({ typeName: 'Indicator', id: 8 });
  });
});
