import { createParser } from 'eventsource-parser';

/** One server-sent event. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental `text/event-stream` parser: a thin adapter over `eventsource-parser` (WHATWG rules,
 * chunks may split lines anywhere) that names unnamed events `message`, as `EventSource` does.
 */
export function createSseParser(onMessage: (message: SseMessage) => void): { push(chunk: string): void } {
  const parser = createParser({
    onEvent(event) {
      onMessage({
        event: event.event || 'message',
        data: event.data,
        ...(event.id !== undefined && { id: event.id }),
      });
    },
  });
  return { push: (chunk) => parser.feed(chunk) };
}
