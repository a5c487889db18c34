import { reactive } from 'vue';
import { ElMessage } from 'element-plus';
import { isApiError } from '@/api/client';

/**
 * Server errors for a form. The contract names a bad field in `error.details.field`; when it is
 * one of the form's fields the message is shown next to that field (`el-form-item :error`),
 * otherwise as a toast. Forms call their API with `{ silent: true }` and hand the error here,
 * so each message is shown once.
 */
export function useFieldErrors<Field extends string>(fields: readonly Field[]) {
  const errors = reactive<Partial<Record<Field, string>>>({}) as Partial<Record<Field, string>>;

  function clear(): void {
    for (const field of fields) delete errors[field];
  }

  /** The field an API error names, when the form has it. */
  function fieldOf(error: unknown): Field | null {
    if (!isApiError(error)) return null;
    const field = error.details.field;
    return typeof field === 'string' && (fields as readonly string[]).includes(field) ? (field as Field) : null;
  }

  /** Shows the error next to its field or as a toast. Returns true when it went to a field. */
  function report(error: unknown): boolean {
    const field = fieldOf(error);
    if (field !== null && isApiError(error)) {
      errors[field] = error.message;
      return true;
    }
    if (isApiError(error)) ElMessage.error(error.message);
    return false;
  }

  return { errors, clear, fieldOf, report };
}
