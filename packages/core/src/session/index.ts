export { withSession, sessionContext, getSession, sessionAttributes, mayHaveSession, BAGGAGE_SESSION_ID, BAGGAGE_USER_ID } from './session';
export type { SessionInfo, SessionOptions } from './session';
export { SessionSpanProcessor } from './session-span-processor';
export type { SessionSpanProcessorOptions, WritableSpanLike } from './session-span-processor';
