import { afterEach, describe, expect, it, vi } from 'vitest';
import { filenameOf, useDownload } from '../useDownload';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A response whose body arrives in the given chunks, each released by `next()`. */
function streamedResponse(chunks: Uint8Array[], headers: Record<string, string>) {
  const gates: Array<() => void> = [];
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index >= chunks.length) {
        controller.close();
        return;
      }
      await new Promise<void>((release) => gates.push(release));
      controller.enqueue(chunks[index]);
      index += 1;
    },
  });
  return { response: new Response(body, { status: 200, headers }), next: () => gates.shift()?.() };
}

const tick = () => new Promise((done) => setTimeout(done, 0));

describe('filenameOf', () => {
  it('prefers the RFC 5987 name, else the plain one, else the fallback', () => {
    expect(filenameOf(`attachment; filename="ledger.pdf"; filename*=UTF-8''%E5%8F%B0%E8%B4%A6.pdf`, 'x')).toBe('台账.pdf');
    expect(filenameOf('attachment; filename="ledger.xlsx"', 'x')).toBe('ledger.xlsx');
    expect(filenameOf(null, 'fallback.pdf')).toBe('fallback.pdf');
  });
});

describe('useDownload', () => {
  it('is indeterminate until the headers, then counts the bytes against Content-Length', async () => {
    const { response, next } = streamedResponse([new Uint8Array(25), new Uint8Array(75)], {
      'Content-Length': '100',
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename*=UTF-8''binder.pdf`,
    });
    let answer: (value: Response) => void = () => undefined;
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetch);
    const save = vi.fn();
    const download = useDownload(save);

    const done = download.download('binder', '/api/v1/alliances/1/ledger-binder.pdf?year=2026', 'x.pdf');
    expect(download.active.value).toBe('binder');
    expect(download.percent.value).toBeNull();

    answer(response);
    await tick();
    expect(download.percent.value).toBe(0);
    next();
    await tick();
    await tick();
    expect(download.percent.value).toBe(25);
    next();
    await tick();
    next();
    const result = await done;
    expect(download.active.value).toBeNull();
    expect(result?.filename).toBe('binder.pdf');
    expect(result?.blob.size).toBe(100);
    expect(save).toHaveBeenCalledWith(expect.any(Blob), 'binder.pdf');
  });

  it('ignores a second click (on any button) while one download runs', async () => {
    let answer: (value: Response) => void = () => undefined;
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetch);
    const save = vi.fn();
    const download = useDownload(save);
    const first = download.download('xlsx', '/a.xlsx', 'a.xlsx');
    expect(await download.download('xlsx', '/a.xlsx', 'a.xlsx')).toBeUndefined();
    expect(await download.download('binder', '/b.pdf', 'b.pdf')).toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(1);
    answer(new Response(new Uint8Array(3), { status: 200 }));
    await first;
    expect(save).toHaveBeenCalledTimes(1);
    expect(download.active.value).toBeNull();
    expect(download.percent.value).toBe(100);
  });

  it('a refused export saves nothing and frees the buttons', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'forbidden', message: '无权导出' } }), { status: 403 })));
    const save = vi.fn();
    const download = useDownload(save);
    expect(await download.download('pdf', '/x.pdf', 'x.pdf')).toBeUndefined();
    expect(save).not.toHaveBeenCalled();
    expect(download.active.value).toBeNull();
  });
});
