/** Where the sign-in page lives, and how it remembers where to send the user back. */
export const SIGN_IN_PATH = '/sign-in';
const RETURN_PARAM = 'returnTo';

/** `/sign-in?returnTo=/admin?x=1`; the home page is the default and needs no parameter. */
export function signInPathFor(returnTo: string): string {
  const safe = safeReturnPath(returnTo);
  return safe === '/'
    ? SIGN_IN_PATH
    : `${SIGN_IN_PATH}?${RETURN_PARAM}=${encodeURIComponent(safe)}`;
}

/** The return path in a sign-in URL's query string. */
export function returnPathFrom(search: string): string {
  return safeReturnPath(new URLSearchParams(search).get(RETURN_PARAM));
}

/**
 * Only same-origin paths: `//evil.test` or `https://…` would turn sign-in into an open
 * redirect, and returning to the sign-in page itself would loop.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/';
  }
  if (
    value === SIGN_IN_PATH ||
    value.startsWith(`${SIGN_IN_PATH}/`) ||
    value.startsWith(`${SIGN_IN_PATH}?`)
  ) {
    return '/';
  }
  return value;
}
