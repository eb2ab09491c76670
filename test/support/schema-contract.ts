import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/**
 * The schema contract: what changed between the last published schema and the current one, and which breaking
 * changes CHANGELOG.md records. Pure (SDL and changelog text in, report out) so that it can be tested on hand-made
 * schemas; test/schema-contract.spec.ts runs it on the repository's files.
 */
export interface ContractReport {
  /** Breaking changes CHANGELOG.md does not record: the check fails on any. */
  unrecorded: Change[];
  /** Breaking changes recorded under `## Unreleased` → `### Breaking changes`. */
  recorded: Change[];
  /** Changes that break no client at build time but may change how one behaves (a new enum value, a new default). */
  dangerous: Change[];
}

/** Where a change sits, as the inspector names it (`Type.field`, `Type.field.argument`, `Enum.VALUE`, `@directive.arg`). */
export function coordinateOf(change: Change): string {
  return change.path ?? change.type;
}

export async function checkSchemaContract(
  publishedSdl: string,
  currentSdl: string,
  changelog: string,
): Promise<ContractReport> {
  const changes = await diff(buildSchema(publishedSdl), buildSchema(currentSdl));
  const recordedCoordinates = recordedBreakingCoordinates(changelog);
  const report: ContractReport = { unrecorded: [], recorded: [], dangerous: [] };
  for (const change of changes) {
    if (change.criticality.level === CriticalityLevel.Breaking) {
      (recordedCoordinates.has(coordinateOf(change)) ? report.recorded : report.unrecorded).push(change);
    } else if (change.criticality.level === CriticalityLevel.Dangerous) {
      report.dangerous.push(change);
    }
  }
  return report;
}

/**
 * The coordinates recorded as breaking: the list items of `### Breaking changes` under `## Unreleased` only, each
 * starting with one or more coordinates in backticks (the rest of the item is the reason). Released sections do not
 * count: once a release is cut the published schema already contains their changes, and an old record must not
 * excuse a new break of the same field. `Type.field(arg:)` (the GraphQL schema-coordinate spelling) is accepted for
 * an argument as well as the inspector's `Type.field.arg`.
 */
export function recordedBreakingCoordinates(changelog: string): Set<string> {
  const coordinates = new Set<string>();
  let inUnreleased = false;
  let inBreaking = false;
  for (const line of changelog.split(/\r?\n/)) {
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const title = heading[2]!.replace(/[[\]]/g, '').trim();
      if (level <= 2) {
        inUnreleased = level === 2 && /^unreleased\b/i.test(title);
        inBreaking = false;
      } else if (level === 3) {
        inBreaking = inUnreleased && /^breaking\b/i.test(title);
      }
      continue;
    }
    if (!inBreaking) continue;
    const lead = /^\s*[-*]\s+((?:`[^`]+`(?:\s*,\s*|\s+and\s+|\s+)?)+)/.exec(line);
    if (!lead) continue;
    for (const [, token] of lead[1]!.matchAll(/`([^`]+)`/g)) coordinates.add(normaliseCoordinate(token!));
  }
  return coordinates;
}

function normaliseCoordinate(token: string): string {
  return token.trim().replace(/\((\w+):?\)$/, '.$1');
}

/** The failure message: each unrecorded breaking change, and how to record one. */
export function formatUnrecorded(unrecorded: readonly Change[]): string {
  const lines = unrecorded.map((change) => `  - ${coordinateOf(change)}: ${change.message} (${change.type})`);
  return [
    `${unrecorded.length} breaking change(s) to the published schema (schema.published.graphql → schema.graphql) are not recorded in CHANGELOG.md:`,
    ...lines,
    '',
    'Clients built on the published schema break on these. Either undo the change (deprecate the old field with its',
    'replacement instead; see docs/api.md, "Deprecation and breaking changes"), or record each one in CHANGELOG.md',
    'under "## Unreleased" → "### Breaking changes", as a list item that starts with the coordinate in backticks:',
    `  - \`${unrecorded[0] ? coordinateOf(unrecorded[0]) : 'Type.field'}\`: why it changed and what clients do instead.`,
  ].join('\n');
}

/** The warning for dangerous changes: they pass, but a client may mishandle them (e.g. an enum value it does not know). */
export function formatDangerous(dangerous: readonly Change[]): string {
  return [
    `${dangerous.length} dangerous change(s) to the published schema (they pass; clients may need to handle them):`,
    ...dangerous.map(
      (change) =>
        `  - ${coordinateOf(change)}: ${change.message}${change.criticality.reason ? ` (${change.criticality.reason})` : ''}`,
    ),
  ].join('\n');
}
