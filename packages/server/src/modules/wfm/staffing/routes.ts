import { staffingRequestSchema, staffingResponseSchema } from '@floorplan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/http/app-error.js';
import { calculateStaffing, StaffingInputError } from './staffing.js';

const read = { permissions: ['wfm.staffing.read'] } as const;
const tags = ['wfm-staffing'];

/**
 * `/wfm/v1/staffing`: the staffing calculator (engine spec §6.4). Stateless: nothing is read or
 * stored, so the tenant only gates access.
 *
 * @example
 * await app.register(staffingRoutes);
 */
export const staffingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/wfm/v1/staffing/calculate',
    { config: read, schema: { tags, body: staffingRequestSchema, response: { 200: staffingResponseSchema } } },
    async (request) => {
      try {
        return calculateStaffing(request.body);
      } catch (error) {
        if (error instanceof StaffingInputError) {
          throw new AppError('VALIDATION_FAILED', `${error.path}: ${error.message}`, [{ path: error.path, message: error.message }]);
        }
        throw error;
      }
    },
  );
};
