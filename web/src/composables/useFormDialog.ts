import { computed, ref, type Ref } from 'vue';
import { onBeforeRouteLeave } from 'vue-router';
import { ElMessageBox, type FormInstance } from 'element-plus';
import { t } from '@/locales';
import { useFieldErrors } from './useFieldErrors';
import { useSubmit } from './useSubmit';

export interface FormDialogOptions<Field extends string> {
  /** The dialog's `v-model` (defineModel). */
  open: Ref<boolean>;
  /** The reactive form model; its contents decide whether there are unsaved edits. */
  form: object;
  /** The form's fields: server errors naming one of them are shown next to it. */
  fields: readonly Field[];
  formRef: Ref<FormInstance | undefined>;
  /** Fills the form when the dialog opens (empty for a new record, the record's values to edit). */
  fill: () => void;
  /** Sends the form. Resolves once saved (the dialog then closes); a rejection is shown as errors. */
  save: () => Promise<void>;
  /** Extra checks after the form's rules, before anything is sent. */
  check?: () => boolean;
}

const snapshotOf = (form: object): string => JSON.stringify(form);

/**
 * The behaviour every form dialog shares:
 * - submits once: no second request while one is in flight, however it is triggered (button,
 *   Enter, both);
 * - shows every field error of a 422 at once, beside its field;
 * - asks before discarding edits, whether the dialog is closed (×, Esc, 取消) or the user
 *   navigates away (Back, a menu entry).
 */
export function useFormDialog<Field extends string>(options: FormDialogOptions<Field>) {
  const { submitting, run } = useSubmit();
  const { errors, clear, report } = useFieldErrors(options.fields);
  const snapshot = ref(snapshotOf(options.form));
  const dirty = computed(() => options.open.value && snapshotOf(options.form) !== snapshot.value);

  function onOpen(): void {
    options.fill();
    clear();
    snapshot.value = snapshotOf(options.form);
    // The form is mounted on the first open only after this tick.
    queueMicrotask(() => options.formRef.value?.clearValidate());
  }

  async function confirmDiscard(): Promise<boolean> {
    if (!dirty.value) return true;
    try {
      await ElMessageBox.confirm(t('common.discardConfirm'), t('common.discardTitle'), {
        type: 'warning',
        confirmButtonText: t('common.discard'),
        cancelButtonText: t('common.keepEditing'),
      });
      return true;
    } catch {
      return false;
    }
  }

  /** `:before-close` of the el-dialog (×, Esc). */
  async function beforeClose(done: () => void): Promise<void> {
    if (await confirmDiscard()) {
      snapshot.value = snapshotOf(options.form);
      done();
    }
  }

  /** The 取消 button. */
  async function close(): Promise<void> {
    if (await confirmDiscard()) {
      snapshot.value = snapshotOf(options.form);
      options.open.value = false;
    }
  }

  async function submit(): Promise<void> {
    await run(async () => {
      clear();
      const valid = (await options.formRef.value?.validate().catch(() => false)) ?? false;
      if (!valid || (options.check && !options.check())) return;
      try {
        await options.save();
        snapshot.value = snapshotOf(options.form);
        options.open.value = false;
      } catch (error) {
        report(error);
      }
    });
  }

  // Back (or any navigation) with edits in the dialog asks first; without edits it just closes.
  onBeforeRouteLeave(async () => {
    if (!options.open.value) return true;
    if (!(await confirmDiscard())) return false;
    options.open.value = false;
    return true;
  });

  return { submitting, errors, dirty, onOpen, beforeClose, close, submit, report, clear };
}
