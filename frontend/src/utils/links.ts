// Links that the server attaches to records (e.g. a notification's `link`).

/** The link when it is a path inside this app; anything else (a full URL, `//host`) is not followed. */
export function appPath(link: string | null | undefined): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null
}
