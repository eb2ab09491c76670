import fs from 'node:fs';
import path from 'node:path';
import {
  checkSchemaContract,
  coordinateOf,
  formatDangerous,
  formatUnrecorded,
  recordedBreakingCoordinates,
} from './support/schema-contract';

const root = path.join(__dirname, '..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

describe('the schema contract (schema.published.graphql → schema.graphql)', () => {
  it('has no breaking change that CHANGELOG.md does not record; dangerous changes are printed', async () => {
    const report = await checkSchemaContract(
      read('schema.published.graphql'),
      read('schema.graphql'),
      read('CHANGELOG.md'),
    );
    if (report.dangerous.length > 0) {
      // eslint-disable-next-line no-console -- a dangerous change passes, but whoever runs the tests should see it
      console.warn(formatDangerous(report.dangerous));
    }
    if (report.unrecorded.length > 0) throw new Error(formatUnrecorded(report.unrecorded));
  });
});

describe('checkSchemaContract', () => {
  const published = `
    type Query {
      appraisal(id: ID!): Appraisal
    }
    """An appraisal."""
    type Appraisal {
      id: ID!
      actorSubject: String!
      status: Status!
      history(first: Int = 20): [String!]!
    }
    enum Status { DRAFT SUBMITTED }
  `;
  const unreleased = (...items: string[]): string =>
    ['# Changelog', '', '## Unreleased', '', '### Breaking changes', '', ...items, '', '## 0.1.0', ''].join('\n');

  it('fails on a removed field unless CHANGELOG.md records it under Unreleased → Breaking changes', async () => {
    const current = published.replace('actorSubject: String!', '');
    const bare = await checkSchemaContract(published, current, unreleased());
    expect(bare.unrecorded.map(coordinateOf)).toEqual(['Appraisal.actorSubject']);
    expect(formatUnrecorded(bare.unrecorded)).toContain(
      "Appraisal.actorSubject: Field 'actorSubject' was removed from object type 'Appraisal'",
    );

    const recorded = await checkSchemaContract(
      published,
      current,
      unreleased('- `Appraisal.actorSubject`: who acted is in `history` now.'),
    );
    expect(recorded.unrecorded).toEqual([]);
    expect(recorded.recorded.map(coordinateOf)).toEqual(['Appraisal.actorSubject']);
  });

  it('does not take a record from a released section, another heading, or the middle of a sentence', async () => {
    const current = published.replace('actorSubject: String!', '');
    const changelogs = [
      '## Unreleased\n\n### Added\n\n- `Appraisal.actorSubject`\n',
      '## Unreleased\n\n### Breaking changes\n\n## 0.1.0\n\n### Breaking changes\n\n- `Appraisal.actorSubject`: removed\n',
      '## Unreleased\n\n### Breaking changes\n\n- Removed a field like `Appraisal.actorSubject`\n',
      '## Unreleased\n\n### Breaking changes\n\n- `Appraisal.actor`: a prefix is not the field\n',
    ];
    for (const changelog of changelogs) {
      expect((await checkSchemaContract(published, current, changelog)).unrecorded.map(coordinateOf)).toEqual([
        'Appraisal.actorSubject',
      ]);
    }
  });

  it('fails on a field made nullable (a retyped field)', async () => {
    const report = await checkSchemaContract(
      published,
      published.replace('actorSubject: String!', 'actorSubject: String'),
      unreleased(),
    );
    expect(report.unrecorded.map((c) => [coordinateOf(c), c.type])).toEqual([
      ['Appraisal.actorSubject', 'FIELD_TYPE_CHANGED'],
    ]);
  });

  it('fails on a new required argument, recorded by either coordinate spelling', async () => {
    const current = published.replace('appraisal(id: ID!)', 'appraisal(id: ID!, year: Int!)');
    const report = await checkSchemaContract(published, current, unreleased());
    expect(report.unrecorded.map((c) => [coordinateOf(c), c.type])).toEqual([
      ['Query.appraisal.year', 'FIELD_ARGUMENT_ADDED'],
    ]);
    for (const item of [
      '- `Query.appraisal.year`: why',
      '- `Query.appraisal(year:)`: why',
      '- `Query.x`, `Query.appraisal(year:)`: why',
    ]) {
      expect((await checkSchemaContract(published, current, unreleased(item))).unrecorded).toEqual([]);
    }
  });

  it('fails on a removed enum value', async () => {
    const report = await checkSchemaContract(published, published.replace('DRAFT SUBMITTED', 'DRAFT'), unreleased());
    expect(report.unrecorded.map(coordinateOf)).toEqual(['Status.SUBMITTED']);
  });

  it('reports a new enum value and a changed default as dangerous, and passes', async () => {
    const current = published
      .replace('DRAFT SUBMITTED', 'DRAFT SUBMITTED RETURNED')
      .replace('first: Int = 20', 'first: Int = 10');
    const report = await checkSchemaContract(published, current, unreleased());
    expect(report.unrecorded).toEqual([]);
    expect(report.dangerous.map((c) => [coordinateOf(c), c.type]).sort()).toEqual([
      ['Appraisal.history.first', 'FIELD_ARGUMENT_DEFAULT_CHANGED'],
      ['Status.RETURNED', 'ENUM_VALUE_ADDED'],
    ]);
    expect(formatDangerous(report.dangerous)).toContain(
      "Status.RETURNED: Enum value 'RETURNED' was added to enum 'Status'",
    );
  });

  it('passes a new optional field, a new type, a deprecation and a description silently', async () => {
    const current = published
      .replace('status: Status!', 'status: Status!\n  note: String\n  actor: String')
      .replace('actorSubject: String!', 'actorSubject: String! @deprecated(reason: "Use `actor`.")')
      .replace('"""An appraisal."""', '"""An appraisal of one year."""')
      .concat('\ntype Note { text: String }\n');
    expect(await checkSchemaContract(published, current, '')).toEqual({ unrecorded: [], recorded: [], dangerous: [] });
  });

  it('reads coordinates from the leading backticks of each item only', () => {
    const changelog = [
      '## [Unreleased]',
      '### Breaking changes',
      '- `A.b`, `A.c` and `D.e(f:)`: reason naming `X.y` is not a record',
      '* `G.h`: star items too',
      '### Added',
      '- `I.j`: not breaking',
    ].join('\n');
    expect([...recordedBreakingCoordinates(changelog)].sort()).toEqual(['A.b', 'A.c', 'D.e.f', 'G.h']);
  });
});
