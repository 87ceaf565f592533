/**
 * Percent-encoding of an (already bang-escaped) URL path, as Go's url.PathEscape with `/` kept:
 * the proxy client must put on the wire exactly the bytes the go command sends.
 */

/**
 * Unreserved characters and `$&+:=@` stay, everything else (including `!`) becomes %XX of its
 * UTF-8 bytes. Go sends `!` as `%21` on the wire, and so do we.
 */
export function urlPathEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/^[A-Za-z0-9\-_.~$&+:=@/]$/.test(c)) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
