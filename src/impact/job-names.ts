/**
 * Matrix jobs back to services. GitHub names a matrix job `<name> (<matrix values>)` unless the
 * job's `name` says otherwise; the template names it `impact (<service>)` explicitly, and a
 * renamed job still maps when its name ends in `(<service>)` or is the service itself.
 */
export function serviceOfJob(jobName: string, services: ReadonlySet<string>): string | undefined {
  const name = jobName.trim();
  if (services.has(name)) return name;
  const m = /\(([^()]*)\)\s*$/.exec(name);
  if (!m?.[1]) return undefined;
  // More than one matrix dimension: GitHub joins the values with ", ".
  return m[1]
    .split(', ')
    .map((v) => v.trim())
    .find((v) => services.has(v));
}
