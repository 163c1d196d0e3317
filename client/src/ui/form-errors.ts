import type { z } from 'zod';

/** Messages by field name, `''` for the form as a whole. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * The shared zod schemas' issues (from `safeParse`), one message per field: the form shows
 * the same words the server would answer with, before anything is sent. Keyed by the last
 * path segment, so `patch.title` is `title`; issues on an object itself are form-level.
 */
export function fieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  formLevelKeys: readonly string[] = ['patch'],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const last = issue.path.at(-1);
    const key =
      typeof last === 'string' && !formLevelKeys.includes(last)
        ? last
        : typeof last === 'number'
          ? String(last)
          : '';
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Validates a form's values with its shared zod schema before anything is sent: shows the
 * issues and returns `undefined`, or clears them and returns the parsed input to send.
 */
export function validateForm<S extends z.ZodType>(
  schema: S,
  values: z.input<S>,
  setErrors: (errors: FieldErrors) => void,
): z.output<S> | undefined {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    setErrors(fieldErrors(parsed.error.issues));
    return undefined;
  }
  setErrors({});
  return parsed.data;
}
