import { requestClient, type PageResult, type RequestOptions } from './client';

export namespace InboxApi {
  /** Something waiting for the signed-in user (applications; campaign deadlines). */
  export interface Todo {
    /** `application`, or a kind the campaign adds (a deadline reminder). */
    kind: string;
    object_id: number;
    /** The action expected: consult, confirm, decide. */
    action: string;
    title: string;
    /** A web route, e.g. `/applications/12`. */
    link: string;
    since: string;
  }

  export type TodoResult = PageResult<Todo>;

  export interface Notification {
    id: number;
    kind: string;
    title: string;
    /** A web route, e.g. `/applications/12`. */
    link: string;
    object_type: string;
    /** The server sends it as a string. */
    object_id: string | number;
    created_at: string;
    read_at: string | null;
    /** When the work this to-do notification asked for was done, by anyone; then it is not unread. */
    resolved_at?: string | null;
  }

  export interface NotificationResult extends PageResult<Notification> {
    unread: number;
  }

  export interface NotificationQuery {
    unread?: boolean;
    page?: number;
    page_size?: number;
  }

  export interface Summary {
    unread_notifications: number;
    pending_todos: number;
  }
}

type Options = Omit<RequestOptions, 'body' | 'query'>;

export function listTodos(options: Options = {}): Promise<InboxApi.TodoResult> {
  return requestClient.get<InboxApi.TodoResult>('/todos', undefined, options);
}

export function listNotifications(query: InboxApi.NotificationQuery = {}): Promise<InboxApi.NotificationResult> {
  return requestClient.get<InboxApi.NotificationResult>('/notifications', { ...query });
}

export function markNotificationRead(id: number): Promise<void> {
  return requestClient.post<void>(`/notifications/${id}/read`);
}

export function markAllNotificationsRead(): Promise<void> {
  return requestClient.post<void>('/notifications/read-all');
}

/** The header badge's figures; polled, so quiet by default. */
export function getInboxSummary(options: Options = { silent: true }): Promise<InboxApi.Summary> {
  return requestClient.get<InboxApi.Summary>('/inbox/summary', undefined, options);
}
