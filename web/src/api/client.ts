/**
 * The one request client. Every API module goes through `requestClient`.
 *
 * - Sends cookies (`credentials: 'same-origin'`); the session is an HttpOnly cookie.
 * - Sends `X-Requested-With: XMLHttpRequest` on every non-GET request (server CSRF rule)
 *   and `Content-Type: application/json` when there is a body.
 * - Unwraps JSON bodies; 204 resolves to `undefined`.
 * - Maps every failure to an `ApiError` in one place and reports it once through the
 *   configured hooks (message toast, 401 → login, password change required → /password).
 *
 * The client itself knows nothing about the router, the stores or Element Plus: those are
 * wired in by `installClientHooks` (see `src/api/setup.ts`), which keeps this file testable.
 */

export const API_BASE = '/api/v1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** The server's error envelope: `{"error":{"code","message","details"}}`. */
export interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    details?: Record<string, unknown>;
  };
}

/** Codes produced by the client itself, not by the server. */
export const CLIENT_ERROR_CODES = {
  network: 'network_error',
  badResponse: 'bad_response',
  http: 'http_error',
} as const;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** Do not show the error message; the caller shows it itself. */
  silent?: boolean;
  /** Do not run the 401 hook (the login call, the start-up session probe). */
  skipAuthRedirect?: boolean;
  signal?: AbortSignal;
}

export interface ClientHooks {
  /** Shows an error message to the user (Element Plus toast in the app). */
  notify: (message: string, error: ApiError) => void;
  /** Called on 401 unless `skipAuthRedirect` is set. */
  onUnauthorized: (error: ApiError) => void;
  /** Called on 403 with code `password_change_required`. */
  onPasswordChangeRequired: (error: ApiError) => void;
  /** Fallback messages for failures without a server message. */
  fallbackMessage: (code: string, status: number) => string;
}

const defaultHooks: ClientHooks = {
  notify: () => undefined,
  onUnauthorized: () => undefined,
  onPasswordChangeRequired: () => undefined,
  fallbackMessage: (code, status) => (status ? `${code} (${status})` : code),
};

let hooks: ClientHooks = { ...defaultHooks };

export function configureClient(partial: Partial<ClientHooks>): void {
  hooks = { ...hooks, ...partial };
}

export function resetClient(): void {
  hooks = { ...defaultHooks };
}

export function buildUrl(path: string, query?: QueryParams): string {
  const url = `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
  if (!query) return url;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `${url}?${text}` : url;
}

function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Turns a failed response into an ApiError. The one place errors are mapped. */
export async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  if (isErrorEnvelope(body)) {
    return new ApiError(response.status, body.error.code, body.error.message, body.error.details ?? {});
  }
  const code = CLIENT_ERROR_CODES.http;
  return new ApiError(response.status, code, hooks.fallbackMessage(code, response.status));
}

function report(error: ApiError, options: RequestOptions): void {
  if (error.status === 401 && !options.skipAuthRedirect) {
    hooks.onUnauthorized(error);
  }
  if (error.status === 403 && error.code === 'password_change_required') {
    hooks.onPasswordChangeRequired(error);
  }
  if (!options.silent) {
    hooks.notify(error.message, error);
  }
}

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Requested-With'] = 'XMLHttpRequest';
  const hasBody = options.body !== undefined;
  if (hasBody) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const code = CLIENT_ERROR_CODES.network;
    const error = new ApiError(0, code, hooks.fallbackMessage(code, 0));
    report(error, options);
    throw error;
  }

  if (!response.ok) {
    const error = await toApiError(response);
    report(error, options);
    throw error;
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    const code = CLIENT_ERROR_CODES.badResponse;
    const error = new ApiError(response.status, code, hooks.fallbackMessage(code, response.status));
    report(error, options);
    throw error;
  }
}

type NoBodyOptions = Omit<RequestOptions, 'body'>;

export const requestClient = {
  get<T>(path: string, query?: QueryParams, options: Omit<NoBodyOptions, 'query'> = {}): Promise<T> {
    return request<T>('GET', path, { ...options, query });
  },
  post<T>(path: string, body?: unknown, options: NoBodyOptions = {}): Promise<T> {
    return request<T>('POST', path, { ...options, body });
  },
  put<T>(path: string, body?: unknown, options: NoBodyOptions = {}): Promise<T> {
    return request<T>('PUT', path, { ...options, body });
  },
  patch<T>(path: string, body?: unknown, options: NoBodyOptions = {}): Promise<T> {
    return request<T>('PATCH', path, { ...options, body });
  },
  delete<T>(path: string, options: NoBodyOptions = {}): Promise<T> {
    return request<T>('DELETE', path, options);
  },
};

/** Every list endpoint answers `{items, total}`. */
export interface PageResult<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  page?: number;
  page_size?: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
