import { toValidationIssues } from '@floorplan/contracts';
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { AppError } from './app-error.js';

const validatedInHandler = new WeakSet<object>();

/**
 * Marks a schema that documents a route (OpenAPI) but is checked by the handler itself, because its
 * rules need the tenant's settings and the item limits must be checked before the schema.
 */
export function validatedByHandler<T extends z.ZodType>(schema: T): T {
  validatedInHandler.add(schema);
  return schema;
}

/** Validates with the contracts' zod schemas and reports every issue as `{path, message}`. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  if (validatedInHandler.has(schema)) return (data) => ({ value: data });
  return (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const issues = toValidationIssues(result.error);
    const first = issues[0];
    return { error: new AppError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'invalid', issues) };
  };
};
