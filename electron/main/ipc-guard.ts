// The gate in front of every IPC handler: only the app's own page, in its top frame, may call, and only with
// input that matches the contract. No runtime electron import (types only), so it is unit-tested in plain Node.
import type { IpcMainInvokeEvent } from 'electron';
import { INVOKE_METHODS, invokeChannels, type InvokeMethod, type InvokeOutput } from '../common/contract.js';
import type { z } from 'zod';
import { describeIssues } from '../common/zod-issues.js';

/** The parts of Electron's WebFrameMain the guard reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId?: number;
  readonly routingId?: number;
}

/** The parts of Electron's IpcMainInvokeEvent the guard reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly id: number; readonly mainFrame: FrameLike };
}

// Electron's real event must fit the shape the guard is written (and tested) against.
type _ElectronEventFits = IpcMainInvokeEvent extends InvokeEventLike ? true : never;
const _electronEventFits: _ElectronEventFits = true;
void _electronEventFits;

export type ValidInput<M extends InvokeMethod> = z.output<(typeof invokeChannels)[M]['input']>;

export type Implementation<E extends InvokeEventLike> = {
  [M in InvokeMethod]: (input: ValidInput<M>, event: E) => Promise<InvokeOutput<M>>;
};

export type GuardedHandlers<E extends InvokeEventLike> = {
  [M in InvokeMethod]: (event: E, rawInput: unknown) => Promise<InvokeOutput<M>>;
};

export interface GuardOptions<E extends InvokeEventLike> {
  /** The app page's URL (file:///…/renderer/index.html); hash and query are ignored. */
  trustedUrl: string;
  implementation: Implementation<E>;
  /** Also require the sender to be one of the app's own windows. */
  isTrustedSender?: (sender: E['sender']) => boolean;
  /** Where refusals are recorded (main's console). */
  log?: (line: string) => void;
}

/** An error for the renderer: a message only, no stack or cause from the main process. */
export function rendererError(message: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}`;
  return error;
}

/** The URL without its hash and query, or null when it is not a URL. */
export function pageUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    parsed.search = '';
    return parsed.href;
  } catch {
    return null;
  }
}

function isTopFrame(frame: FrameLike, mainFrame: FrameLike): boolean {
  if (frame.parent !== null) return false;
  if (frame === mainFrame) return true;
  // WebFrameMain objects may be fresh wrappers: compare the frame's identity, not the object.
  return (
    frame.processId !== undefined &&
    frame.routingId !== undefined &&
    frame.processId === mainFrame.processId &&
    frame.routingId === mainFrame.routingId
  );
}

/** Why a sender is not trusted, or null when it is. */
export function untrustedReason<E extends InvokeEventLike>(
  event: E,
  trustedUrl: string,
  isTrustedSender?: (sender: E['sender']) => boolean,
): string | null {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return 'the sending frame is gone';
  if (isTrustedSender && !isTrustedSender(event.sender)) return 'the sender is not an app window';
  if (!isTopFrame(frame, event.sender.mainFrame)) return 'the sender is not the top frame';
  const trusted = pageUrl(trustedUrl);
  if (trusted === null || pageUrl(frame.url) !== trusted) return `the sender's page (${frame.url}) is not the app`;
  return null;
}

export function createGuardedHandlers<E extends InvokeEventLike>(options: GuardOptions<E>): GuardedHandlers<E> {
  const log = options.log ?? ((line: string) => console.warn(`[ipc] ${line}`));

  const guard = <M extends InvokeMethod>(method: M) =>
    async (event: E, rawInput: unknown): Promise<InvokeOutput<M>> => {
      const channel = invokeChannels[method].channel;
      const reason = untrustedReason(event, options.trustedUrl, options.isTrustedSender);
      if (reason !== null) {
        log(`refused ${channel}: ${reason}`);
        throw rendererError(`Refused ${channel}: ${reason}.`);
      }
      const parsed = invokeChannels[method].input.safeParse(rawInput);
      if (!parsed.success) {
        const problem = describeIssues(parsed.error);
        log(`refused ${channel}: malformed input: ${problem}`);
        throw rendererError(`Invalid input for ${method}: ${problem}`);
      }
      try {
        return await options.implementation[method](parsed.data as ValidInput<M>, event);
      } catch (error) {
        throw rendererError(error instanceof Error ? error.message : String(error));
      }
    };

  return Object.fromEntries(INVOKE_METHODS.map((method) => [method, guard(method)])) as GuardedHandlers<E>;
}
