/**
 * IANA time zone names, as the runtime's ICU knows them (the same data BullMQ's cron library
 * consults). Offsets such as `+02:00` are refused even where the runtime would take them:
 * an offset ignores daylight saving, which is rarely what a schedule means.
 */
export function isValidTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
