import { TestApp } from '../support/test-app';
import { toGlobalId } from '../../src/core/graphql/global-id';

describe('the service over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app?.stop());

  it('answers serverInfo without a token and refuses everything else', async () => {
    const info = await app.gql('{ serverInfo { name regulation timeZone } }');
    expect(info.status).toBe(200);
    expect(info.body.data).toEqual({
      serverInfo: { name: 'Kinerja Walesi', regulation: 'PermenPANRB 6/2022', timeZone: 'Asia/Jayapura' },
    });
    const viewer = await app.gql('{ viewer { subject } }');
    expect(viewer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(viewer.body.data ?? null).toBeNull();
  });

  it('lists a supervisor’s team through viewer', async () => {
    const unit = await app.fixtures.unit({ name: 'UPTD Puskesmas Walesi' });
    const { supervisor, team } = await app.fixtures.supervisorWithTeam(unit, 3);
    const token = await app.token(supervisor.nip);
    const data = await app.data<{
      viewer: { employee: { id: string }; team: { totalCount: number; nodes: Array<{ id: string; nip: string }> } };
    }>('{ viewer { employee { id } team { totalCount nodes { id nip } } } }', {}, token);
    expect(data.viewer.employee.id).toBe(toGlobalId('Employee', supervisor.rowId));
    expect(data.viewer.team.totalCount).toBe(3);
    expect(data.viewer.team.nodes.map((n) => n.nip).sort()).toEqual(team.map((t) => t.nip).sort());
  });

  it('serves /healthz and /readyz', async () => {
    const base = app.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
  });
});
