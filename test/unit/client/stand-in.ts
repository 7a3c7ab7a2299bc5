// A Worker-shaped stand-in for client tests: comlink speaks to `api` over a MessageChannel (as
// to a worker), `crash` fires what a dying worker fires, `terminate` closes the channel (calls in
// flight never answer, as with a terminated worker). Every call to the API can be logged.
import { expose } from 'comlink';

export class StandInWorker extends EventTarget {
  readonly channel = new MessageChannel();
  terminated = false;
  constructor(api: object) {
    super();
    expose(api, this.channel.port2);
    this.channel.port1.addEventListener('message', (e) => this.dispatchEvent(new MessageEvent('message', { data: (e as MessageEvent).data })));
    this.channel.port1.start();
  }
  postMessage(data: unknown, transfer?: Transferable[]): void {
    if (!this.terminated) this.channel.port1.postMessage(data, transfer ?? []);
  }
  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
  }
  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
}

/** Never settles: a long computation that only a crash or a cancel ends. */
export const never = (): Promise<never> => new Promise<never>(() => {});

/** The calls' outcomes, or 'hung' when they have not all settled within two seconds. */
export function settleWithin2s(calls: Promise<unknown>[]): Promise<PromiseSettledResult<unknown>[] | 'hung'> {
  return Promise.race([Promise.allSettled(calls), new Promise<'hung'>((r) => setTimeout(() => r('hung'), 2000))]);
}

/** Lets the messages already posted be delivered. */
export const delivered = (): Promise<void> => new Promise((r) => setTimeout(r, 20));
