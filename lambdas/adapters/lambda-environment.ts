import { z } from 'zod';

const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  TOPIC_ARN: z.string().min(1).optional(),
  X_SECRET_ARN: z.string().min(1).optional(),
});

export type LambdaEnvironment = z.infer<typeof environmentSchema>;

/** The variables the stack sets on every function; a missing one fails the cold start, loudly. */
export function readLambdaEnvironment(environment: NodeJS.ProcessEnv = process.env): LambdaEnvironment {
  return environmentSchema.parse(environment);
}
