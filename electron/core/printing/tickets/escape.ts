/**
 * Customer text into a ReceiptLine document, literally.
 *
 * ReceiptLine reads some characters as layout: `|` splits columns, `{…}` is a property
 * (a QR code, a printer command, a column layout), `^` scales, `"` bolds, `_` underlines,
 * `` ` `` inverts, `~` is a space, `\` escapes, and a line of only `-` or `=` is a rule or a
 * paper cut. Anything the platform or the customer wrote (names, notes, addresses, dishes) goes
 * through `lit`: each of those characters becomes a `\xHH` escape, which ReceiptLine turns back
 * into the character itself after it has read the layout, so it prints and never acts.
 */

/** Every ASCII character ReceiptLine may read as markup (`;` too: it separates property members). */
const SPECIAL = /[\\|{}^"_`~\-=;]/g;

/**
 * One line of customer text, escaped: control characters (tabs, newlines, the printer's own
 * command bytes) become spaces, runs of spaces one, ends trimmed (ReceiptLine reads edge spaces
 * as alignment).
 */
export function lit(text: string): string {
  return oneLine(text).replace(SPECIAL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Control characters (C0, DEL, C1) and odd spaces as one plain space, trimmed. */
export function oneLine(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the printer raw
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/[ \u00a0\u3000]+/g, ' ')
    .trim();
}

/** The customer's lines (a note may have several), each escaped, empty ones dropped. */
export function litLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map(lit)
    .filter((l) => l !== '');
}
