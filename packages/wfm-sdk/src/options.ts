import { toValidationIssues } from '@floorplan/contracts';
import { z } from 'zod';
import { localError } from './errors.js';
import type { WfmLogger } from './logger.js';

/**
 * Options of {@link connectWfm}, checked against the known keys: a misspelt option is an error, not
 * a silently ignored setting.
 */
export const wfmOptionsSchema = z.strictObject({
  serviceUrl: z.url(),
  accessKeyId: z.string().min(1).max(128),
  accessKeySecret: z.string().min(1).max(128),
  tenantName: z.string().max(255).optional(),
  /** Directory of the durable outbox; without it the queue lives in memory and a crash loses it. */
  outboxDir: z.string().min(1).optional(),
  /** Heartbeat period; default: the server's `heartbeatSeconds` (`/details`), else 30. */
  heartbeatSeconds: z.number().int().min(1).max(3600).optional(),
  connectorName: z.string().min(1).max(128).default('floorplan-wfm-sdk'),
  connectorVersion: z.string().max(64).default('0.1.0'),
  logger: z.custom<WfmLogger | null>((v) => v === null || (typeof v === 'object' && typeof (v as WfmLogger).warn === 'function')).optional(),
  requestTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  batch: z.strictObject({ maxStates: z.number().int().min(1).max(5000).default(1000), flushMs: z.number().int().min(0).max(60_000).default(250) }).default({ maxStates: 1000, flushMs: 250 }),
  maxInFlight: z.number().int().min(1).max(64).default(4),
  maxOutboxBytes: z.number().int().min(1024).default(2 ** 30),
});

export type WfmOptions = z.input<typeof wfmOptionsSchema>;
export type ResolvedWfmOptions = z.output<typeof wfmOptionsSchema>;

/** Masks the secret wherever options could be printed. */
export function maskedOptions(o: ResolvedWfmOptions): Record<string, unknown> {
  const { accessKeySecret: _secret, logger: _logger, ...rest } = o;
  return { ...rest, accessKeySecret: '[redacted]' };
}

/** Parsed options with defaults; an unknown or invalid option throws VALIDATION_FAILED naming it. */
export function parseOptions(options: WfmOptions): ResolvedWfmOptions {
  const parsed = wfmOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = toValidationIssues(parsed.error);
    throw localError('VALIDATION_FAILED', `invalid options: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return parsed.data;
}
