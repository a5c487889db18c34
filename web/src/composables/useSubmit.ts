import { ref } from 'vue';

/**
 * One submission at a time. `run` calls `action` unless a call is already in flight, however the
 * form was submitted (button, Enter, both at once): the second call returns `undefined` at once
 * and sends nothing. `submitting` drives the button's spinner.
 */
export function useSubmit() {
  const submitting = ref(false);
  let inFlight = false;

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (inFlight) return undefined;
    inFlight = true;
    submitting.value = true;
    try {
      return await action();
    } finally {
      inFlight = false;
      submitting.value = false;
    }
  }

  return { submitting, run };
}
