export * from './closeCodes.ts';
export * from './config.ts';
export * from './languages.ts';
export * from './protocol.ts';
export * from './roomMessages.ts';
export * from './runEvents.ts';
export * from './runView.ts';
export * from './auth.ts';
