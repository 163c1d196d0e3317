/** Enough for any reason worth logging; longer text is usually a value the client chose. */
const MAX_CHARS = 300;

/** Control characters (C0, DEL, C1) and line separators: a value could start a forged log line. */
const UNPRINTABLE = /[\p{Cc}\u2028\u2029]/gu;

/** `text` as one short, printable log line: control characters escaped, the rest cut. */
export function oneLine(text: string): string {
  const printable = text.replace(
    UNPRINTABLE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return printable.length > MAX_CHARS ? `${printable.slice(0, MAX_CHARS)}…` : printable;
}
