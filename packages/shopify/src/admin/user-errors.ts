import { z } from "zod";

/** A mutation's `userErrors` entry: the input was refused, nothing was changed. */
export const userErrorSchema = z.object({
  field: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? null),
  message: z.string(),
  code: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
});
export type UserError = z.infer<typeof userErrorSchema>;

export const userErrorsSchema = z.array(userErrorSchema);

/** A mutation's outcome: either its value, or the reasons Shopify refused the input. */
export type MutationResult<T> = { ok: true; value: T } | { ok: false; userErrors: UserError[] };

export const refused = <T>(userErrors: UserError[]): MutationResult<T> => ({ ok: false, userErrors });
export const succeeded = <T>(value: T): MutationResult<T> => ({ ok: true, value });
