import { vi, type Mock } from 'vitest';

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

export function jsonResponse(status: number, body?: unknown): Response {
  const text = body === undefined ? null : JSON.stringify(body);
  return new Response(text, {
    status,
    headers: text === null ? {} : { 'Content-Type': 'application/json' },
  });
}

export function errorResponse(status: number, code: string, message: string, details?: Record<string, unknown>): Response {
  return jsonResponse(status, { error: { code, message, ...(details ? { details } : {}) } });
}

/** Replaces global fetch with a mock that answers the queued responses in order. */
export function mockFetch(...responses: Array<Response | Error>): Mock<typeof fetch> {
  const mock = vi.fn<typeof fetch>();
  for (const response of responses) {
    if (response instanceof Error) mock.mockRejectedValueOnce(response);
    else mock.mockResolvedValueOnce(response);
  }
  vi.stubGlobal('fetch', mock);
  return mock;
}

export function call(mock: Mock<typeof fetch>, index = 0): RecordedCall {
  const [input, init] = mock.mock.calls[index] ?? [];
  const headers = (init?.headers ?? {}) as Record<string, string>;
  return {
    url: String(input),
    method: init?.method ?? 'GET',
    headers,
    body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : init?.body,
    credentials: init?.credentials,
  };
}
