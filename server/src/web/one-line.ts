/** Enough for any reason worth logging; longer text is usually a value the client chose. */
const MAX_CHARS = 300;

/**
 * Control characters (C0, DEL, C1), line and paragraph separators, and bidirectional
 * overrides: a value a client chose could split, forge or disguise a log line.
 */
const UNSAFE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** `text` with every unsafe character escaped as `\uXXXX`. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `text` as one short, printable log line: unsafe characters escaped, the rest cut. */
export function oneLine(text: string, maxChars = MAX_CHARS): string {
  const printable = escapeControl(text);
  return printable.length > maxChars ? `${printable.slice(0, maxChars)}…` : printable;
}
