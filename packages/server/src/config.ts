import { resolve } from 'node:path';
import { IANAZone } from 'luxon';
import { z } from 'zod';

const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max).default(def);
const flag = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optional = () => z.string().min(1).optional();

/**
 * Every setting, read from the environment once at boot. Each key and default is listed in
 * docs/configuration.md; keep the two in step.
 */
export const configSchema = z.object({
  PORT: int(8080, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./.floorplan'),
  DATABASE_URL: optional(),
  DATABASE_POOL_MAX: int(10, 1, 1000),
  NATS_URL: optional(),
  NATS_STREAM: z.string().default('FLOORPLAN'),
  S3_ENDPOINT: optional(),
  S3_BUCKET: optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: optional(),
  S3_SECRET_ACCESS_KEY: optional(),
  S3_FORCE_PATH_STYLE: flag(true),
  JWT_PRIVATE_KEY: optional(),
  AUTH_ACCESS_TOKEN_TTL_S: int(3600, 1),
  AUTH_REFRESH_TOKEN_TTL_S: int(7200, 1),
  AUTH_FAMILY_MAX_S: int(86_400, 1),
  WFM_CLOCK_SKEW_S: int(300),
  WFM_WINDOW_SKEW_S: int(60),
  WFM_REPORT_GRACE_S: int(300),
  WFM_MAX_BODY_BYTES: int(4 * 1024 * 1024, 1024),
  WFM_MAX_STATES_PER_REQUEST: int(5000, 1),
  WFM_MAX_REPORT_ROWS: int(10_000, 1),
  WFM_RATE_LIMIT_PER_S: int(50, 1),
  WFM_RATE_LIMIT_BURST: int(100, 1),
  WFM_CONNECTOR_RATE_LIMIT_PER_S: int(5, 1),
  /** Start delay of adherence recompute jobs: bursts of late data for one agent-day collapse into one run. */
  WFM_RECOMPUTE_DELAY_S: int(5, 0, 3600),
  /** How often the RTA board is written to `rta_agent_current`. */
  WFM_RTA_FLUSH_MS: int(1000, 50, 60_000),
  /** How long RTA deltas are kept for replay to reconnecting stream clients. */
  WFM_RTA_REPLAY_S: int(60, 1, 3600),
  FLOORPLAN_BOOTSTRAP: flag(true),
  /** The living demo: generate the bootstrap's `demo` tenant on first start, then feed it live on every start. */
  FLOORPLAN_DEMO: flag(true),
  /** Weeks of history and agents of the generated demo (the generator's defaults). */
  FLOORPLAN_DEMO_WEEKS: int(8, 1, 26),
  FLOORPLAN_DEMO_AGENTS: int(50, 1, 5000),
  /** Zone of the generated demo; `auto` = where it is late morning at the first start, so agents are at work. */
  FLOORPLAN_DEMO_TIME_ZONE: z
    .string()
    .refine((v) => v === 'auto' || IANAZone.isValidZone(v), { error: 'must be auto or an IANA time zone' })
    .default('auto'),
  /** The web console's build (`packages/web/dist` by default), served at `/console/`. */
  WEB_DIST_DIR: optional(),
});

export type Config = z.infer<typeof configSchema>;

/** Prefixes that belong to Floorplan: an unknown key with one of them is a typo and stops the boot. */
const ownedPrefixes = ['WFM_', 'AUTH_', 'S3_', 'NATS_', 'DATABASE_', 'JWT_', 'FLOORPLAN_'];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses and checks the environment; throws ConfigError naming every bad or unknown key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = new Set(Object.keys(configSchema.shape));
  const unknown = Object.keys(env).filter((k) => ownedPrefixes.some((p) => k.startsWith(p)) && !known.has(k));
  const picked = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.has(k) && v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(picked);
  const problems = [
    ...unknown.map((k) => `${k}: unknown setting (see docs/configuration.md)`),
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
  ];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(`invalid configuration\n  ${problems.join('\n  ')}`);
  return { ...parsed.data, DATA_DIR: resolve(parsed.data.DATA_DIR) };
}

/** The base URL clients reach this server at (token issuer, discovery, signed URLs). */
export function publicUrl(config: Config, boundPort?: number): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  return `http://localhost:${boundPort ?? config.PORT}`;
}
