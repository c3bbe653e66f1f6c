import { z } from 'zod';
import { text } from './fields.js';

// Console sign-in (issue 5): a console user of a tenant logs in with email and password and gets the
// same tokens as an access-key login, plus who they are so the console can build its menus.

/** Body of `POST /auth/v1/login`. */
export const consoleLoginRequestSchema = z.object({
  /** Tenant name (as in `floorplan tenants create`). */
  tenant: text(1, 255),
  email: text(1, 320),
  password: text(1, 1024),
});
export type ConsoleLoginRequest = z.output<typeof consoleLoginRequestSchema>;

/** The signed-in console user, as `GET /auth/v1/me` and the login answer describe them. */
export const consoleUserSchema = z.object({
  email: z.string(),
  name: z.string(),
  role: z.string(),
  /** What the token grants, sorted (`wfm.rta.read`, `wfm.setup.write`, ...): menus show what these allow. */
  permissions: z.array(z.string()),
  /** Scheduling units the user is limited to; null = all. */
  schedulingUnitIds: z.array(z.string()).nullable(),
});
export type ConsoleUser = z.infer<typeof consoleUserSchema>;

export const consoleTenantSchema = z.object({ id: z.string(), name: z.string() });
export type ConsoleTenant = z.infer<typeof consoleTenantSchema>;

/** Answer of `GET /auth/v1/me`. */
export const consoleSessionSchema = z.object({ user: consoleUserSchema, tenant: consoleTenantSchema });
export type ConsoleSession = z.infer<typeof consoleSessionSchema>;

/**
 * Answer of `POST /auth/v1/login`: the access-key login's token set (refresh it with
 * `POST /public/user/refresh`) plus the session.
 */
export const consoleLoginResponseSchema = z.object({
  id_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().min(0),
  refresh_token: z.string(),
  /** Seconds the refresh token is valid for. */
  refresh_expires_in: z.number().int().min(0),
  access_token: z.string(),
  user: consoleUserSchema,
  tenant: consoleTenantSchema,
});
export type ConsoleLoginResponse = z.infer<typeof consoleLoginResponseSchema>;
