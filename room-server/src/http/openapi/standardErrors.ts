import type { ApiResponse, ApiRoute, ErrorResponse } from '@codestream/shared/api';

export type StandardError = string | ErrorResponse;

/** Errors a route answers because of what it is: its body, its method, who may call it. */
export function standardErrors(route: ApiRoute): Record<number, StandardError> {
  const errors: Record<number, StandardError> = { 500: 'Internal server error (logged; the body says no more).' };
  if (route.body?.json || route.query) errors[400] = 'Invalid request: `details` names every bad field.';
  if (route.body?.json) errors[413] = 'The body is larger than the limit (16 KiB unless said otherwise).';
  const forbidden: string[] = [];
  if (route.method !== 'get' && route.access === 'integrator') {
    forbidden.push('A signed-in request from another site (the Origin header is missing or not this site).');
  } else if (route.method !== 'get') {
    forbidden.push('Cross-site request refused (the Origin header is missing or not this site).');
  }
  if (['signed-in', 'host', 'author', 'admin'].includes(route.access)) errors[401] = 'Sign in first.';
  if (['host', 'author', 'admin', 'integrator'].includes(route.access)) {
    forbidden.push('The requester’s role does not allow this.');
  }
  if (route.access === 'integrator') {
    errors[401] = {
      error:
        'Send an API token or sign in: none was sent, or the token is malformed, unknown or revoked, or its account is disabled.',
      headers: { 'WWW-Authenticate': '`Bearer realm="CodeStream API"`.' },
    };
    errors[429] = {
      error: 'More than API_RATE_LIMIT_PER_MINUTE requests by this caller in a minute, polls included.',
      headers: { 'Retry-After': 'Seconds to wait before trying again.' },
    };
    errors[503] = {
      error:
        'With REDIS_URL: the limits shared by the room-servers cannot be counted (Redis unreachable), so the request is refused.',
      headers: { 'Retry-After': 'Seconds to wait before trying again.' },
    };
  }
  if (forbidden.length > 0) errors[403] = forbidden.join(' ');
  return errors;
}

const asError = (spec: StandardError): ErrorResponse =>
  typeof spec === 'string' ? { error: spec, headers: {} } : spec;

/** A route's own answer for a status, or its own words (and headers) added to the standard error's. */
export function mergedError(standard: StandardError | undefined, own: ApiResponse | undefined): ApiResponse {
  if (own === undefined) return standard as StandardError;
  if (standard === undefined || !(typeof own === 'string' || 'error' in own)) return own;
  const [mine, theirs] = [asError(own), asError(standard)];
  const error = `${mine.error} ${theirs.error}`;
  const headers = { ...theirs.headers, ...mine.headers };
  return Object.keys(headers).length > 0 ? { error, headers } : error;
}
