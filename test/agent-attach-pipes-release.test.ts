// `classforge attach` opens the session's named pipes before loading the agent and, when the agent
// takes the socket instead, ends those opens by opening the pipes' other ends itself (release). The
// opens run on libuv's thread pool: one that had not reached the kernel yet when release opened and
// closed the other end at once then waited for a partner forever — a thread in wait_for_partner
// and a pending request that kept the command from ever exiting (one session in ~20 hung after
// "detached"; CI saw a session hang). Here release() runs in the same tick as openPipes, before
// either open can have started: no thread of this process may be left blocked in a FIFO open.
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPipes } from '../cli/commands/attach.js';

/** How many threads of this process wait in a FIFO open (Linux: their wchan). */
function threadsWaitingForAPartner(): number {
  let waiting = 0;
  for (const task of readdirSync('/proc/self/task')) {
    try {
      if (readFileSync(`/proc/self/task/${task}/wchan`, 'utf8').includes('wait_for_partner')) waiting++;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return waiting;
}

describe.skipIf(process.platform !== 'linux')('the named pipes of an attach session', () => {
  it('released before their opens started: no open is left waiting', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'classforge-pipes-release-'));
    const prefix = join(directory, 'agent');
    try {
      const pipes = openPipes(prefix);
      expect(pipes).not.toBeNull();
      pipes!.connected.catch(() => undefined);
      pipes!.release();
      // Once an open has reached the kernel without a partner it stays there; give the thread
      // pool time to run both opens, then require no waiting thread for a while.
      const started = Date.now();
      let clearSince = Date.now();
      while (Date.now() - started < 15_000) {
        if (threadsWaitingForAPartner() > 0) clearSince = Date.now();
        else if (Date.now() - clearSince >= 1_000 && Date.now() - started >= 1_500) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(threadsWaitingForAPartner()).toBe(0);
    } finally {
      // Should the check fail, end the waiting opens so that this worker can exit.
      const partners: number[] = [];
      for (const suffix of ['.to-host', '.from-host']) {
        try {
          partners.push(openSync(prefix + suffix, constants.O_RDWR | constants.O_NONBLOCK));
        } catch {
          // Not there.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const fd of partners) closeSync(fd);
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
