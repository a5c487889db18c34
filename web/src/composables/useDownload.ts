import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import { isApiError, toApiError } from '@/api/client';

/** The file name of a `Content-Disposition`: `filename*=UTF-8''…` first (RFC 5987), else `filename="…"`. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name || fallback;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = 'noopener';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface DownloadResult {
  blob: Blob;
  filename: string;
}

/**
 * A generated file (PDF, xlsx, the binder) fetched with a progress bar: `active` names the
 * download under way (one at a time: a second click, on the same or another button, does
 * nothing), `percent` is null until the headers arrive (the server is still generating: the bar
 * is indeterminate), then the share of `Content-Length` read so far (null again when the server
 * sent no length).
 */
export function useDownload(save: (blob: Blob, filename: string) => void = saveBlob) {
  const active = ref<string | null>(null);
  const percent = ref<number | null>(null);
  const received = ref(0);

  async function download(key: string, url: string, fallbackName: string): Promise<DownloadResult | undefined> {
    if (active.value !== null) return undefined;
    active.value = key;
    percent.value = null;
    received.value = 0;
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: '*/*' } });
      if (!response.ok) throw await toApiError(response);
      const length = Number(response.headers.get('Content-Length') ?? '');
      const total = Number.isFinite(length) && length > 0 ? length : 0;
      if (total) percent.value = 0;
      const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
      const chunks: Uint8Array[] = [];
      const reader = response.body?.getReader();
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (value) {
            chunks.push(value);
            received.value += value.byteLength;
            if (total) percent.value = Math.min(100, Math.round((received.value / total) * 100));
          }
        }
      } else {
        const buffer = new Uint8Array(await response.arrayBuffer());
        chunks.push(buffer);
        received.value = buffer.byteLength;
      }
      percent.value = 100;
      const blob = new Blob(chunks as BlobPart[], { type });
      const filename = filenameOf(response.headers.get('Content-Disposition'), fallbackName);
      save(blob, filename);
      return { blob, filename };
    } catch (error) {
      ElMessage.error(isApiError(error) ? error.message : String((error as Error)?.message ?? error));
      return undefined;
    } finally {
      active.value = null;
    }
  }

  return { active, percent, received, download };
}
