/** Masks the user-info part of any URL in a string, so credentials never reach a message or log. */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}
