/**
 * Opaque global ids (`docs/api.md`, Shape): base64url of `<TypeName>:<database id>`. Clients must not parse them;
 * the server refuses anything it did not mint.
 */
export function toGlobalId(typeName: string, id: number): string {
  let ofType = mintedIds.get(typeName);
  if (ofType === undefined) mintedIds.set(typeName, (ofType = new Map()));
  let minted = ofType.get(id);
  if (minted === undefined) {
    // Bounded: dropped whole when full (a dashboard mints hundreds of ids a request, mostly the same ones).
    if (ofType.size >= MINTED_LIMIT) ofType.clear();
    minted = Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64url');
    ofType.set(id, minted);
  }
  return minted;
}

const MINTED_LIMIT = 100_000;
// Per type, by number: a lookup builds no `Type:id` string to hash (measured: most of this function's cost).
const mintedIds = new Map<string, Map<number, string>>();

export interface DecodedGlobalId {
  typeName: string;
  id: number;
}

export function fromGlobalId(globalId: string): DecodedGlobalId | null {
  if (typeof globalId !== 'string' || globalId.length === 0 || globalId.length > 200) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Za-z][A-Za-z0-9]*):([1-9][0-9]{0,14})$/.exec(decoded);
  if (!match) return null;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) ? { typeName: match[1]!, id } : null;
}

/** Decodes a global id that must name the given type; anything else is `null` (treated as not found). */
export function idOfType(globalId: string, typeName: string): number | null {
  const decoded = fromGlobalId(globalId);
  return decoded && decoded.typeName === typeName ? decoded.id : null;
}
