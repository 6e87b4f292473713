// The target probe's TCP layer: the shared connect (net/tcp-connect.ts) with the layers' error contract, where
// a stop by the budget's signal is EABORTED (the probe then names its reason: its own timeout or the sweep's).
import type net from 'node:net';
import { connectTcp as connect, TcpConnectError } from '../net/tcp-connect.js';
import { LayerError } from './budget.js';

/** Connects to an IP address (no name lookup here: the DNS layer did it). Rejects with a LayerError. */
export async function connectTcp(address: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<net.Socket> {
  try {
    return await connect(address, port, { timeoutMs, signal });
  } catch (error) {
    if (!(error instanceof TcpConnectError)) throw error;
    throw error.code === 'ECANCELLED' ? new LayerError('EABORTED') : new LayerError(error.code, error.message);
  }
}
