// # Whether a process is running, by its pid (signal 0: nothing is sent, only checked)

/** Whether the process `pid` exists (EPERM: it does, as another user's). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
