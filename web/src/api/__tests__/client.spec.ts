import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, configureClient, request, requestClient, resetClient } from '../client';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';

const notify = vi.fn();
const onUnauthorized = vi.fn();
const onPasswordChangeRequired = vi.fn();

beforeEach(() => {
  notify.mockReset();
  onUnauthorized.mockReset();
  onPasswordChangeRequired.mockReset();
  configureClient({
    notify,
    onUnauthorized,
    onPasswordChangeRequired,
    fallbackMessage: (code, status) => `fallback:${code}:${status}`,
  });
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('buildUrl', () => {
  it('prefixes /api/v1 and drops empty query values', () => {
    expect(buildUrl('/units', { q: '审计', office_area_id: 2, page: 1, empty: '', none: undefined, nil: null })).toBe(
      '/api/v1/units?q=%E5%AE%A1%E8%AE%A1&office_area_id=2&page=1',
    );
    expect(buildUrl('units')).toBe('/api/v1/units');
    expect(buildUrl('/units', {})).toBe('/api/v1/units');
  });
});

describe('request: success', () => {
  it('unwraps the JSON body of a GET and sends cookies, without the CSRF header', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [{ id: 1 }], total: 1 }));
    const result = await requestClient.get<{ items: Array<{ id: number }>; total: number }>('/units', { page: 2 });
    expect(result).toEqual({ items: [{ id: 1 }], total: 1 });
    const sent = call(fetch);
    expect(sent.url).toBe('/api/v1/units?page=2');
    expect(sent.method).toBe('GET');
    expect(sent.credentials).toBe('same-origin');
    expect(sent.headers['X-Requested-With']).toBeUndefined();
    expect(sent.headers['Content-Type']).toBeUndefined();
  });

  it('sends X-Requested-With and a JSON body on POST', async () => {
    const fetch = mockFetch(jsonResponse(201, { id: 7 }));
    await requestClient.post('/users', { username: 'zhang' });
    const sent = call(fetch);
    expect(sent.method).toBe('POST');
    expect(sent.headers['X-Requested-With']).toBe('XMLHttpRequest');
    expect(sent.headers['Content-Type']).toBe('application/json');
    expect(sent.body).toEqual({ username: 'zhang' });
    expect(sent.credentials).toBe('same-origin');
  });

  it('sends X-Requested-With but no Content-Type on a body-less POST', async () => {
    const fetch = mockFetch(jsonResponse(200, { generated_password: 'x' }));
    await requestClient.post('/users/3/password-reset');
    const sent = call(fetch);
    expect(sent.headers['X-Requested-With']).toBe('XMLHttpRequest');
    expect(sent.headers['Content-Type']).toBeUndefined();
    expect(sent.body).toBeUndefined();
  });

  it.each(['PUT', 'PATCH', 'DELETE'] as const)('sends the CSRF header on %s', async (method) => {
    const fetch = mockFetch(jsonResponse(204));
    await request(method, '/x');
    expect(call(fetch).headers['X-Requested-With']).toBe('XMLHttpRequest');
  });

  it('resolves 204 to undefined', async () => {
    mockFetch(jsonResponse(204));
    await expect(requestClient.post('/auth/logout')).resolves.toBeUndefined();
  });
});

describe('request: errors', () => {
  it('maps the error envelope to an ApiError and shows its message once', async () => {
    mockFetch(errorResponse(422, 'role_separation', '系统管理员与审计管理员不能由同一账号担任', { roles: ['x'] }));
    const error = await requestClient.post('/users', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: 'role_separation',
      message: '系统管理员与审计管理员不能由同一账号担任',
      details: { roles: ['x'] },
    });
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0]?.[0]).toBe('系统管理员与审计管理员不能由同一账号担任');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('keeps details of a locked account', async () => {
    mockFetch(errorResponse(423, 'account_locked', '账号已锁定', { locked_until: '2026-11-27T18:00:00.000Z' }));
    const error = (await requestClient.post('/auth/login', {}, { silent: true }).catch((caught: unknown) => caught)) as ApiError;
    expect(error.status).toBe(423);
    expect(error.details.locked_until).toBe('2026-11-27T18:00:00.000Z');
    expect(notify).not.toHaveBeenCalled();
  });

  it('does not show the message when silent', async () => {
    mockFetch(errorResponse(400, 'bad_request', '参数错误'));
    await expect(requestClient.get('/units', undefined, { silent: true })).rejects.toBeInstanceOf(ApiError);
    expect(notify).not.toHaveBeenCalled();
  });

  it('runs the 401 hook and reports the message', async () => {
    mockFetch(errorResponse(401, 'unauthenticated', '请先登录'));
    await expect(requestClient.get('/units')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith('请先登录', expect.any(ApiError));
  });

  it('does not run the 401 hook when skipAuthRedirect is set (the login call)', async () => {
    mockFetch(errorResponse(401, 'invalid_credentials', '用户名或密码错误'));
    await expect(
      requestClient.post('/auth/login', { username: 'a', password: 'b' }, { skipAuthRedirect: true, silent: true }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('runs the password-change hook on 403 password_change_required only', async () => {
    mockFetch(errorResponse(403, 'password_change_required', '请先修改密码'), errorResponse(403, 'forbidden', '无权限'));
    await expect(requestClient.get('/units')).rejects.toBeInstanceOf(ApiError);
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
    await expect(requestClient.get('/units')).rejects.toBeInstanceOf(ApiError);
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('maps a non-JSON error body to http_error with the fallback message', async () => {
    mockFetch(new Response('<html>Bad Gateway</html>', { status: 502 }));
    await expect(requestClient.get('/units')).rejects.toMatchObject({
      status: 502,
      code: 'http_error',
      message: 'fallback:http_error:502',
    });
    expect(notify).toHaveBeenCalledWith('fallback:http_error:502', expect.any(ApiError));
  });

  it('maps a JSON body that is not the envelope to http_error', async () => {
    mockFetch(jsonResponse(500, { message: 'oops' }));
    await expect(requestClient.get('/units')).rejects.toMatchObject({ status: 500, code: 'http_error' });
  });

  it('maps a network failure to network_error with status 0', async () => {
    mockFetch(new TypeError('Failed to fetch'));
    await expect(requestClient.get('/units')).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
      message: 'fallback:network_error:0',
    });
    expect(notify).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('maps an unreadable success body to bad_response', async () => {
    mockFetch(new Response('not json', { status: 200 }));
    await expect(requestClient.get('/units')).rejects.toMatchObject({ code: 'bad_response', status: 200 });
  });
});
