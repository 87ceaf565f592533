/** GitHub runs at most 256 jobs per matrix: a larger service list takes several dispatches. */
export const MAX_MATRIX_JOBS = 256;

export function batchServices(services: readonly string[], size: number = MAX_MATRIX_JOBS): string[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const out: string[][] = [];
  for (let i = 0; i < services.length; i += size) out.push(services.slice(i, i + size));
  return out;
}

/** The services batch `index` of `services` carries: batching is deterministic, so only the index needs recording. */
export function batchAt(services: readonly string[], index: number, size: number = MAX_MATRIX_JOBS): string[] {
  return services.slice(index * size, (index + 1) * size);
}
