import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';

// Spec §9 checks 3 (unmapped events listed until mapped) and 27 (403 / 404), the other unmapped
// lists and setup/issues (§1.9).

const state = (loginId: string, eventCode: string, reasonCode: string, at: string, acdId = 'acd') => ({ loginId, acdId, eventCode, reasonCode, eventUtcTime: at });

const queueReport = (rows: { queueValue: string; contactsReceived: number }[], start = '2024-04-17T10:00:00.000Z', end = '2024-04-17T10:15:00.000Z') => ({
  acdType: 'Generic',
  reportVersion: '0',
  startDate: start,
  endDate: end,
  status: 'SUCCESS',
  statusReason: '',
  reportData: { queueReport: rows, agentQueueReport: [], agentSystemPerformanceReport: [] },
});

describe('WFM setup: unmapped values, issues, permissions', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  beforeAll(async () => {
    t = await createTestApp();
    a = await t.tenant();
    b = await t.tenant();
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, token = a.adminToken) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { authorization: `Bearer ${token}` } });
  const get = async (url: string, token = a.adminToken) => {
    const res = await call('GET', url, undefined, token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const create = async (path: string, body: unknown, token = a.adminToken) => {
    const res = await call('POST', path, body, token);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  /** Sends the states; answers how many of them ingest flagged unmapped. */
  const pushStates = async (states: unknown[]) => {
    const res = await call('POST', '/wfm/acd/v1/agent-states', { agentStateList: states }, a.token);
    expect(res.statusCode, res.body).toBe(200);
    await t.app.ingest.flushUnmapped();
    return Number(res.headers['x-floorplan-flagged']);
  };

  it('check 3: an unmapped event is listed with count and first/last seen until mapped', async () => {
    await pushStates([
      state('u-1', 'AUX', '7', '2024-04-17T09:00:00.000Z'),
      state('u-1', 'AUX', '7', '2024-04-17T09:05:00.000Z'),
      state('u-1', 'AUX', '', '2024-04-17T09:06:00.000Z'),
    ]);
    await pushStates([state('u-1', 'AUX', '7', '2024-04-17T09:30:00.000Z')]);
    const listed = (await get('/wfm/v1/setup/unmapped-events')).items;
    expect(listed).toEqual([
      { source: 'acd', eventCode: 'AUX', reasonCode: '', firstSeen: expect.stringMatching(/Z$/), lastSeen: expect.stringMatching(/Z$/), count: 1, sampleLoginId: 'u-1' },
      { source: 'acd', eventCode: 'AUX', reasonCode: '7', firstSeen: expect.stringMatching(/Z$/), lastSeen: expect.stringMatching(/Z$/), count: 3, sampleLoginId: 'u-1' },
    ]);
    const aux7 = listed[1];
    expect(Date.parse(aux7.lastSeen)).toBeGreaterThanOrEqual(Date.parse(aux7.firstSeen));
    const paged = await get('/wfm/v1/setup/unmapped-events?limit=1');
    expect(paged.items).toEqual([listed[0]]);
    expect((await get(`/wfm/v1/setup/unmapped-events?limit=1&cursor=${paged.nextCursor}`)).items).toEqual([listed[1]]);

    const code = await create('/wfm/v1/activity-codes', { name: 'Aux 7', displayAs: 'BREAK' });
    await create('/wfm/v1/event-mappings', { eventCode: 'AUX', reasonCode: '7', activityCodeId: code.id });
    const after = (await get('/wfm/v1/setup/unmapped-events')).items;
    expect(after.map((e: { reasonCode: string }) => e.reasonCode)).toEqual(['']);
    await create('/wfm/v1/event-mappings', { eventCode: 'AUX', reasonCode: '*', activityCodeId: code.id });
    expect((await get('/wfm/v1/setup/unmapped-events')).items).toEqual([]);
  });

  it('lists logins no employee owns until an employee gets them', async () => {
    await pushStates([state('lost-1', 'AUX', '7', '2024-04-17T10:00:00.000Z'), state('lost-1', 'AUX', '7', '2024-04-17T10:01:00.000Z')]);
    const logins = (await get('/wfm/v1/setup/unmapped-logins')).items;
    const lost = logins.find((l: { loginId: string }) => l.loginId === 'lost-1');
    expect(lost).toMatchObject({ loginId: 'lost-1', source: 'acd', seenIn: 'AGENT_STATES', count: 2 });
    await create('/wfm/v1/employees', { name: 'Found', email: 'found@unmapped.test', acdLogins: [{ loginId: 'lost-1' }] });
    expect((await get('/wfm/v1/setup/unmapped-logins')).items.map((l: { loginId: string }) => l.loginId)).not.toContain('lost-1');
  });

  it('judges logins and events per source: what is mapped for one ACD stays unmapped for another', async () => {
    const published: { kind: string; source: string; key: string; reasonCode: string }[] = [];
    const sub = await t.platform.bus.subscribe(`floorplan.${a.tenantId}.wfm.acd.unmapped`, (m) => {
      published.push(m.data as (typeof published)[number]);
    });
    await create('/wfm/v1/employees', { name: 'East 5001', email: 'east5001@unmapped.test', acdLogins: [{ loginId: '5001', source: 'acd-2' }] });
    const wrap = await create('/wfm/v1/activity-codes', { name: 'Wrap', displayAs: 'BUSY' });
    await create('/wfm/v1/event-mappings', { source: 'acd-2', eventCode: 'Wrap', reasonCode: '*', activityCodeId: wrap.id });

    expect(await pushStates([state('5001', 'Wrap', 'w', '2024-04-17T11:00:00.000Z', 'acd-2')])).toBe(0);
    expect(await pushStates([state('5001', 'Wrap', 'w', '2024-04-17T11:01:00.000Z', 'acd-1')])).toBe(1);
    // Again, now answered from ingest's verdict cache: still per source.
    expect(await pushStates([state('5001', 'Wrap', 'w', '2024-04-17T11:02:00.000Z', 'acd-2'), state('5001', 'Wrap', 'w', '2024-04-17T11:03:00.000Z', 'acd-1')])).toBe(1);

    const logins = (await get('/wfm/v1/setup/unmapped-logins')).items.filter((l: { loginId: string }) => l.loginId === '5001');
    expect(logins).toEqual([{ loginId: '5001', source: 'acd-1', seenIn: 'AGENT_STATES', firstSeen: expect.stringMatching(/Z$/), lastSeen: expect.stringMatching(/Z$/), count: 2 }]);
    const events = (await get('/wfm/v1/setup/unmapped-events')).items.filter((e: { eventCode: string }) => e.eventCode === 'Wrap');
    expect(events).toEqual([
      { source: 'acd-1', eventCode: 'Wrap', reasonCode: 'w', firstSeen: expect.stringMatching(/Z$/), lastSeen: expect.stringMatching(/Z$/), count: 2, sampleLoginId: '5001' },
    ]);
    const raw = (await get('/wfm/v1/unmapped')).unmapped.filter((u: { key: string }) => u.key === '5001' || u.key === 'Wrap');
    expect(raw).toEqual([
      expect.objectContaining({ kind: 'event', source: 'acd-1', key: 'Wrap', reasonCode: 'w', sampleLoginId: '5001' }),
      expect.objectContaining({ kind: 'login', source: 'acd-1', key: '5001', reasonCode: '', sampleLoginId: null }),
    ]);
    await expect.poll(() => published.filter((p) => p.key === '5001' || p.key === 'Wrap')).toEqual([
      expect.objectContaining({ kind: 'login', source: 'acd-1', key: '5001' }),
      expect.objectContaining({ kind: 'event', source: 'acd-1', key: 'Wrap', reasonCode: 'w' }),
    ]);
    await sub.unsubscribe();

    // Mapped for any source, the event leaves the list; the login once acd-1's 5001 has an owner.
    await create('/wfm/v1/event-mappings', { eventCode: 'Wrap', reasonCode: 'w', activityCodeId: wrap.id });
    expect((await get('/wfm/v1/setup/unmapped-events')).items.filter((e: { eventCode: string }) => e.eventCode === 'Wrap')).toEqual([]);
    await create('/wfm/v1/employees', { name: 'West 5001', email: 'west5001@unmapped.test', acdLogins: [{ loginId: '5001', source: 'acd-1' }] });
    expect((await get('/wfm/v1/setup/unmapped-logins')).items.map((l: { loginId: string }) => l.loginId)).not.toContain('5001');
    expect(await pushStates([state('5001', 'Wrap', 'w', '2024-04-17T11:04:00.000Z', 'acd-1')])).toBe(0);
  });

  it('lists queues no skill owns and reports setup issues', async () => {
    const sent = await call('POST', '/wfm/acd/v1/reports/queue', queueReport([{ queueValue: 'Q-free', contactsReceived: 3 }, { queueValue: 'Q-owned', contactsReceived: 4 }]), a.token);
    expect(sent.statusCode, sent.body).toBe(200);
    const owner = await create('/wfm/v1/skills', { name: 'Owned', channel: 'VOICE', paradigm: 'TTI', acdQueues: [{ queueValue: 'Q-owned' }] });
    const empty = await create('/wfm/v1/skills', { name: 'Empty', channel: 'CHAT' });
    const queues = (await get('/wfm/v1/setup/unmapped-queues')).items;
    expect(queues).toEqual([
      { queueValue: 'Q-free', queueName: expect.any(String), paradigms: ['WCE'], firstWindowStart: '2024-04-17T10:00:00.000Z', lastWindowEnd: '2024-04-17T10:15:00.000Z', rows: 1 },
    ]);

    const noLogin = await create('/wfm/v1/employees', { name: 'No Login', email: 'nologin@unmapped.test', skills: [{ skillId: owner.id, proficiency: 12 }] });
    const issues = (await get('/wfm/v1/setup/issues')).items as { code: string; entity: { id: string } | null; count: number | null; message: string }[];
    const of = (code: string) => issues.filter((i) => i.code === code);
    expect(of('EMPLOYEE_WITHOUT_LOGINS').map((i) => i.entity?.id)).toEqual([noLogin.id]);
    expect(of('PROFICIENCY_OVER_10')).toEqual([expect.objectContaining({ entity: { kind: 'employee', id: noLogin.id, name: 'No Login' }, severity: 'WARNING' })]);
    expect(of('SKILL_WITHOUT_QUEUES').map((i) => i.entity?.id)).toEqual([empty.id]);
    expect(of('PARADIGM_MISMATCH')).toEqual([expect.objectContaining({ entity: { kind: 'skill', id: owner.id, name: 'Owned' }, count: 1 })]);
    expect(of('UNMAPPED_QUEUES')).toEqual([expect.objectContaining({ entity: null, count: 1 })]);
    expect(of('UNMAPPED_EVENTS')).toEqual([]);
  });

  it('check 27: 403 without the permission, 404 for another tenant’s ids', async () => {
    const paths = ['/wfm/v1/employees', '/wfm/v1/scheduling-units', '/wfm/v1/skills', '/wfm/v1/activity-codes', '/wfm/v1/event-mappings', '/wfm/v1/adherence-rules'];
    for (const url of [...paths, '/wfm/v1/setup/unmapped-events', '/wfm/v1/setup/unmapped-logins', '/wfm/v1/setup/unmapped-queues', '/wfm/v1/setup/issues']) {
      const res = await call('GET', url, undefined, a.token);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().statusReason).toBe('FORBIDDEN');
    }
    for (const url of paths) expect((await call('POST', url, {}, a.token)).statusCode, url).toBe(403);
    expect((await call('PUT', '/wfm/v1/event-mappings', { mappings: [] }, a.token)).statusCode).toBe(403);

    const code = await create('/wfm/v1/activity-codes', { name: 'B only', displayAs: 'BREAK' }, b.adminToken);
    const ids: Record<string, string> = {
      '/wfm/v1/employees': (await create('/wfm/v1/employees', { name: 'B', email: 'b@b.test' }, b.adminToken)).id,
      '/wfm/v1/scheduling-units': b.tenantId,
      '/wfm/v1/skills': (await create('/wfm/v1/skills', { name: 'B skill', channel: 'VOICE' }, b.adminToken)).id,
      '/wfm/v1/activity-codes': code.id,
      '/wfm/v1/event-mappings': (await create('/wfm/v1/event-mappings', { eventCode: 'E', reasonCode: '', activityCodeId: code.id }, b.adminToken)).id,
      '/wfm/v1/adherence-rules': (await create('/wfm/v1/adherence-rules', { scheduled: { activityCodeId: code.id }, actual: { category: 'OPEN' }, adherence: 'OUT' }, b.adminToken)).id,
    };
    for (const [path, id] of Object.entries(ids)) {
      expect((await call('GET', `${path}/${id}`)).statusCode, path).toBe(404);
      expect((await call('PUT', `${path}/${id}`, {})).statusCode, path).toBe(400);
      const retire = path.endsWith('event-mappings') || path.endsWith('adherence-rules') ? await call('DELETE', `${path}/${id}`) : await call('POST', `${path}/${id}/archive`);
      expect(retire.statusCode, path).toBe(404);
      expect((await call('GET', `${path}/${id}`, undefined, b.adminToken)).statusCode, path).toBe(200);
    }
    const validSu = { name: 'Takeover', timeZone: 'UTC' };
    expect((await call('PUT', `/wfm/v1/scheduling-units/${b.tenantId}`, validSu)).statusCode).toBe(404);
    expect((await call('PUT', `/wfm/v1/activity-codes/${code.id}`, { name: 'Mine', displayAs: 'OPEN' })).statusCode).toBe(404);
    expect((await call('GET', '/wfm/v1/employees/not-a-uuid')).statusCode).toBe(404);
    // A reference to another tenant's entity is as unknown as a missing one.
    const foreignRef = await call('POST', '/wfm/v1/event-mappings', { eventCode: 'F', reasonCode: '', activityCodeId: code.id });
    expect(foreignRef.statusCode).toBe(422);
    expect((await get('/wfm/v1/activity-codes/' + code.id, b.adminToken)).name).toBe('B only');
  });
});
