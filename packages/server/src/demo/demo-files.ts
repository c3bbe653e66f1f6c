import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoCredentials } from '../bootstrap.js';
import type { GenerateOptions } from '../modules/wfm/generator/plan.js';

/** Written by bootstrap on the very first start (mode 0600): the demo tenant's sign-in and connector key. */
export const demoCredentialsFile = (dataDir: string) => join(dataDir, 'demo-credentials.json');
/** What the living demo remembers between starts: the options it generated with and how far it fed. */
export const demoStateFile = (dataDir: string) => join(dataDir, 'demo-state.json');

export interface DemoState {
  /** The options of the generation; the feeder's plan is derived from them on every start. */
  options: GenerateOptions;
  generatedAt: string;
  /** Simulated time the live feeder had sent up to when it last stopped or checkpointed (epoch ms). */
  fedUntil: number | null;
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export const readDemoCredentials = (dataDir: string) => readJson<DemoCredentials>(demoCredentialsFile(dataDir));
export const readDemoState = (dataDir: string) => readJson<DemoState>(demoStateFile(dataDir));

export async function writeDemoState(dataDir: string, state: DemoState): Promise<void> {
  await writeFile(demoStateFile(dataDir), `${JSON.stringify(state, null, 2)}\n`);
}
