export default async function globalTeardown(): Promise<void> {
  const pid = (globalThis as { __redisPid?: number }).__redisPid;
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
