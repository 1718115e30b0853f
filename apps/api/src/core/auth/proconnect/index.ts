export { ProConnectClient, randomToken, constantTimeEqual } from './proconnect.client';
export type { ProConnectAuthorizationRequest, ProConnectDiscoverOptions, ProConnectIdentity, ProConnectLoginChecks, ProConnectLoginResult } from './proconnect.client';
export { loadProConnectConfig, PROCONNECT_DEFAULT_SCOPES } from './proconnect.config';
export type { ProConnectConfig } from './proconnect.config';
export { ProConnectError } from './proconnect.error';
export type { ProConnectErrorReason } from './proconnect.error';
