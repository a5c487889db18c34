/** Route paths of the to-do and application pages (the server's `link` values use them). */
export const TODO_PATH = '/todos';
export const APPLICATIONS_PATH = '/applications';
export const NEW_APPLICATION_PATH = '/applications/new';

export function applicationPath(id: number): string {
  return `${APPLICATIONS_PATH}/${id}`;
}

export function alliancePath(id: number): string {
  return `/alliances/${id}`;
}

/** Only same-app paths from the server are followed (`/x`, never `//host` or a URL). */
export function safeLink(link: string | null | undefined): string | null {
  if (typeof link !== 'string' || !link.startsWith('/') || link.startsWith('//')) return null;
  return link;
}
