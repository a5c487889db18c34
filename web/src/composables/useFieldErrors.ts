import { reactive } from 'vue';
import { ElMessage } from 'element-plus';
import { isApiError, type ApiError } from '@/api/client';

/** One field's error as the server names it. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Every field error an API error carries. A 422 names its bad fields in `details.fields`
 * (`[{field, message}]`, the server's text normaliser reports every field of a body at once) or
 * `details.errors` (`[{field, message}]` or `{field: message}`); a single-field answer in
 * `details.field` with the error's own message.
 */
export function fieldErrorsOf(error: ApiError): FieldError[] {
  const found: FieldError[] = [];
  const list = error.details.fields ?? error.details.errors;
  if (Array.isArray(list)) {
    for (const entry of list) {
      if (typeof entry === 'object' && entry !== null) {
        const { field, message } = entry as { field?: unknown; message?: unknown };
        if (typeof field === 'string') found.push({ field, message: typeof message === 'string' ? message : error.message });
      }
    }
  } else if (typeof list === 'object' && list !== null) {
    for (const [field, message] of Object.entries(list as Record<string, unknown>)) {
      found.push({ field, message: typeof message === 'string' ? message : error.message });
    }
  }
  const single = error.details.field;
  if (typeof single === 'string' && !found.some((entry) => entry.field === single)) {
    found.push({ field: single, message: error.message });
  }
  return found;
}

/**
 * Server errors for a form. Every field the answer names that the form has is shown next to
 * that field (`el-form-item :error`), all at once; the rest, or an error without fields, as one
 * toast. Forms call their API with `{ silent: true }` and hand the error here, so each message
 * is shown once.
 */
export function useFieldErrors<Field extends string>(fields: readonly Field[]) {
  const errors = reactive<Partial<Record<Field, string>>>({}) as Partial<Record<Field, string>>;

  function clear(): void {
    for (const field of fields) delete errors[field];
  }

  function isField(name: string): name is Field {
    return (fields as readonly string[]).includes(name);
  }

  /** The first field an API error names, when the form has it. */
  function fieldOf(error: unknown): Field | null {
    if (!isApiError(error)) return null;
    return fieldErrorsOf(error).map((entry) => entry.field).find(isField) ?? null;
  }

  /** Shows the errors next to their fields, the others as a toast. True when any went to a field. */
  function report(error: unknown): boolean {
    if (!isApiError(error)) return false;
    clear();
    const named = fieldErrorsOf(error);
    const own = named.filter((entry) => isField(entry.field));
    for (const entry of own) errors[entry.field as Field] = entry.message;
    const others = named.filter((entry) => !isField(entry.field)).map((entry) => entry.message);
    if (own.length === 0) ElMessage.error(others.length > 0 ? others.join('；') : error.message);
    else if (others.length > 0) ElMessage.error(others.join('；'));
    return own.length > 0;
  }

  return { errors, clear, fieldOf, report };
}
