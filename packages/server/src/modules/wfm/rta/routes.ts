import websocket from '@fastify/websocket';
import {
  rtaAgentsQuerySchema,
  rtaAgentsResponseSchema,
  rtaEventsQuerySchema,
  rtaStateSchema,
  rtaStreamSubscribeSchema,
  type RtaAgent,
  type RtaAgentsResponse,
  type RtaFilter,
  type RtaState,
} from '@floorplan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth, type AuthContext } from '../../../platform/http/auth-context.js';
import type { WfmContext } from '../context.js';
import { createStreamView, matchesFilter } from './agent-filter.js';
import { toWireAgent } from './board-entry.js';
import type { GatewayMessage, RtaGateway } from './gateway.js';
import type { RtaProcessor } from './processor.js';

const read = { permissions: ['wfm.rta.read'] } as const;
/** Browsers cannot set headers on EventSource/WebSocket: these two routes also take `?access_token=`. */
const streamRead = { permissions: ['wfm.rta.read'], tokenInQuery: true } as const;
const tags = ['wfm-rta'];
const HEARTBEAT_MS = 15_000;

/**
 * `/wfm/v1/rta` (spec §2.5): the board snapshot, the SSE stream and the WebSocket stream. Every
 * path filters by the caller's scheduling-unit scope (§9 check 13).
 * @example await app.register(rtaRoutes, { ctx, processor, gateway });
 */
export const rtaRoutes: FastifyPluginAsyncZod<{ ctx: WfmContext; processor: RtaProcessor; gateway: RtaGateway }> = async (app, { ctx, processor, gateway }) => {
  await app.register(websocket);
  // Open SSE responses are hijacked: the server would wait for them on close, so end them first.
  const sseStreams = new Set<{ end(): void }>();
  app.addHook('preClose', async () => {
    for (const res of sseStreams) res.end();
  });

  /** The tenant's agents and seq: from the local board, or, when another node owns the tenant, the flushed table plus the deltas seen since. */
  async function current(tenantId: string): Promise<{ seq: number; agents: RtaAgent[] }> {
    const local = await processor.board(tenantId);
    if (local !== undefined) return { seq: local.seq, agents: local.entries.map(toWireAgent) };
    const rows = await ctx.platform.db.query<{ entry: RtaAgent; seq: string | number }>('SELECT entry, seq FROM rta_agent_current WHERE tenant_id = $1', [tenantId]);
    const byId = new Map(rows.rows.map((r) => [r.entry.employeeId, r.entry]));
    let seq = rows.rows.reduce((m, r) => Math.max(m, Number(r.seq)), 0);
    for (const d of gateway.bufferedAfter(tenantId, seq)) {
      const have = byId.get(d.agent.employeeId);
      if (have === undefined || have.seq < d.seq) byId.set(d.agent.employeeId, d.agent);
      seq = Math.max(seq, d.seq);
    }
    return { seq, agents: [...byId.values()] };
  }

  app.get(
    '/wfm/v1/rta/agents',
    { config: read, schema: { tags, querystring: rtaAgentsQuerySchema, response: { 200: rtaAgentsResponseSchema } } },
    async (request): Promise<RtaAgentsResponse> => {
      const auth = requireAuth(request.auth);
      const { seq, agents } = await current(auth.tenantId);
      const shown = agents.filter((a) => matchesFilter(auth, request.query, a)).sort((a, b) => a.name.localeCompare(b.name) || a.employeeId.localeCompare(b.employeeId));
      const counts = Object.fromEntries(rtaStateSchema.options.map((s) => [s, 0])) as Record<RtaState, number>;
      for (const a of shown) counts[a.state] += 1;
      return { asOf: ctx.platform.clock.now().toISOString(), seq, agents: shown, counts };
    },
  );

  app.get(
    '/wfm/v1/rta/events',
    { config: streamRead, schema: { tags, querystring: rtaEventsQuerySchema, headers: z.object({ 'last-event-id': z.coerce.number().int().min(0).optional() }).loose() } },
    async (request, reply) => {
      const auth = requireAuth(request.auth);
      const { lastEventId: fromQuery, access_token: _token, ...filter } = request.query;
      const lastSeq = request.headers['last-event-id'] ?? fromQuery;
      const res = reply.hijack().raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const view = createStreamView(auth, filter);
      const send = (m: GatewayMessage) => {
        if (m.type === 'resync') res.write('event: resync\ndata: {"type":"resync"}\n\n');
        else if ((lastSeq === undefined || m.delta.seq > lastSeq) && view.wants(m.delta.agent)) res.write(`id: ${m.delta.seq}\ndata: ${JSON.stringify(m.delta)}\n\n`);
      };
      const attached = await attach(auth, lastSeq, send);
      // After the replay: from here on the client misses nothing.
      res.write(': live\n\n');
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      sseStreams.add(res);
      request.raw.on('close', () => {
        sseStreams.delete(res);
        clearInterval(heartbeat);
        attached.detach();
      });
    },
  );

  app.get('/wfm/v1/rta/stream', {
    websocket: true,
    config: streamRead,
    schema: { tags },
    // A refused upgrade (401/403) is an ordinary response written on the raw upgrade socket, which
    // nothing closes afterwards: the client could hold it open and stall the server's shutdown.
    onSend: async (_request, reply, payload) => {
      if (reply.statusCode >= 400) void reply.header('connection', 'close');
      return payload;
    },
    onResponse: async (request, reply) => {
      if (reply.statusCode >= 400 && request.headers.upgrade !== undefined) request.raw.socket.end();
    },
  }, (socket, request) => {
    const auth = requireAuth(request.auth);
    let detach: (() => void) | undefined;
    socket.on('message', (raw: Buffer) => {
      const parsed = rtaStreamSubscribeSchema.safeParse(safeJson(raw.toString()));
      if (!parsed.success) {
        socket.send(JSON.stringify({ type: 'error', message: 'expected {filter: {schedulingUnitId?, skillId?, state?}, lastSeq?}', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }));
        return;
      }
      detach?.();
      const { filter, lastSeq } = parsed.data;
      const view = createStreamView(auth, filter as RtaFilter);
      const send = (m: GatewayMessage) => {
        if (m.type === 'resync') socket.send(JSON.stringify({ type: 'resync' }));
        else if ((lastSeq === undefined || m.delta.seq > lastSeq) && view.wants(m.delta.agent)) socket.send(JSON.stringify(m.delta));
      };
      attach(auth, lastSeq, send).then(
        (a) => {
          if (socket.readyState !== socket.OPEN) {
            a.detach();
            return;
          }
          detach = a.detach;
          // After the replay: from here on the client misses nothing.
          socket.send(JSON.stringify({ type: 'subscribed' }));
        },
        (error: unknown) => {
          request.log.error({ err: error }, 'rta stream: attach failed');
          socket.close(1011, 'internal error');
        },
      );
    });
    socket.on('close', () => detach?.());
  });

  /** Attaches a listener to the gateway, sending the replay (or resync) first. */
  async function attach(auth: AuthContext, lastSeq: number | undefined, send: (m: GatewayMessage) => void) {
    const currentSeq = lastSeq === undefined ? 0 : (await current(auth.tenantId)).seq;
    const attached = gateway.attach(auth.tenantId, lastSeq, currentSeq, send);
    for (const m of attached.replay) send(m);
    return attached;
  }
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
