import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * A bench subject (server, signer) in its own Node process, so that its memory is its own and the
 * load generator in the parent does not share its event loop. Children speak over the IPC channel:
 * they send `{ type: 'ready', ... }` once, then answer `{ type: <request>, ... }` to each request.
 */
export interface BenchChild<Ready> {
  readonly ready: Ready;
  readonly process: ChildProcess;
  request<Reply>(type: string, payload?: Record<string, unknown>): Promise<Reply>;
  stop(): Promise<void>;
}

export interface ChildMessage {
  type: string;
  error?: string;
  [key: string]: unknown;
}

export async function startChild<Ready>(
  scriptUrl: URL,
  args: readonly string[] = [],
  { timeoutMs = 30_000, execArgv = [] as string[] } = {},
): Promise<BenchChild<Ready>> {
  const child = fork(scriptUrl, [...args], {
    // tsx runs the TypeScript child the same way it runs the bench itself.
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${scriptUrl.pathname} did not start in ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ChildMessage): void => {
      if (message.type !== 'ready' && message.type !== 'failed') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (message.type === 'failed') reject(new Error(message.error ?? 'child failed'));
      else resolve(message as Ready);
    };
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${scriptUrl.pathname} exited with code ${code} before it was ready`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });

  return {
    ready,
    process: child,
    request<Reply>(type: string, payload: Record<string, unknown> = {}): Promise<Reply> {
      return new Promise<Reply>((resolve, reject) => {
        const onMessage = (message: ChildMessage): void => {
          if (message.type !== type) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          if (message.error) reject(new Error(message.error));
          else resolve(message as Reply);
        };
        const onExit = (code: number | null): void => {
          child.off('message', onMessage);
          reject(new Error(`${scriptUrl.pathname} exited with code ${code} during "${type}"`));
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send({ ...payload, type });
      });
    },
    stop: () => stopProcess(child),
  };
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Inside a child: send a message to the parent (no-op when run by hand without IPC). */
export function tellParent(message: ChildMessage): void {
  process.send?.(message);
}

/** Inside a child: answer each request type with a handler; errors travel back as `error`. */
export function answerParent(handlers: Record<string, (message: ChildMessage) => Promise<Record<string, unknown>>>): void {
  process.on('message', (message: ChildMessage) => {
    const handler = handlers[message.type];
    if (!handler) return;
    handler(message).then(
      (reply) => tellParent({ ...reply, type: message.type }),
      (error: unknown) => tellParent({ type: message.type, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
