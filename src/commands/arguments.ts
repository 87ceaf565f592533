/**
 * The words after the mention. A module path may be bare or quoted with `"…"`, `'…'` or
 * backticks (people paste module paths as inline code); quoting only marks the word, it does not
 * allow spaces into a module path. Keywords compare case-insensitively; module paths keep their
 * case, which Go gives meaning to.
 */
export interface Word {
  text: string;
  quoted: boolean;
}

/** At most this many words are read from a line: no command has more. */
const MAX_WORDS = 8;

export function splitWords(text: string): { words: Word[]; unterminated: boolean } {
  const words: Word[] = [];
  let rest = text.trim();
  while (rest !== '' && words.length < MAX_WORDS) {
    const q = rest[0];
    if (q === '"' || q === "'" || q === '`') {
      const end = rest.indexOf(q, 1);
      if (end < 0) return { words, unterminated: true };
      words.push({ text: rest.slice(1, end), quoted: true });
      rest = rest.slice(end + 1).trimStart();
      continue;
    }
    const m = /^\S+/.exec(rest);
    const word = m?.[0] ?? '';
    words.push({ text: word, quoted: false });
    rest = rest.slice(word.length).trimStart();
  }
  return { words: rest === '' ? words : [...words, { text: rest, quoted: false }], unterminated: false };
}

export function isKeyword(word: Word | undefined, ...options: string[]): boolean {
  return word !== undefined && !word.quoted && options.includes(word.text.toLowerCase());
}
