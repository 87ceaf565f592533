/**
 * User text echoed in a reply (a command we did not understand) is shown as inline code: inside
 * it, markdown, HTML and @-mentions are inert. Backticks cannot end it early because they are
 * replaced, and the length is capped so a reply cannot be made huge.
 */
const MAX_QUOTED = 80;

export function quoteForReply(text: string): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/`/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  const cut = [...flat];
  const shown = cut.length > MAX_QUOTED ? `${cut.slice(0, MAX_QUOTED).join('')}…` : flat;
  return shown === '' ? '(nothing)' : `\`${shown}\``;
}
