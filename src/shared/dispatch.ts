// A handler registry for the protocol's messages, kept apart from the zod schemas so that the
// webview can use it without bundling zod.

/** One handler per message type, each narrowed to its own message. */
export type MessageHandlers<M extends { type: string }> = {
  [K in M['type']]: (message: Extract<M, { type: K }>) => void | Promise<void>;
};

/** Calls the handler registered for the message's type. */
export function dispatchMessage<M extends { type: string }>(handlers: MessageHandlers<M>, message: M): void | Promise<void> {
  const handler = handlers[message.type as M['type']] as (message: M) => void | Promise<void>;
  return handler(message);
}
