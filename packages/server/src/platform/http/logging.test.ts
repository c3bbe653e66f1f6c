import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging.js';

describe('redactUrl', () => {
  it('masks signatures and tokens but keeps the rest', () => {
    expect(redactUrl('/objects/v1/a/b.csv?expires=1700000000&signature=abc123&download=x.csv')).toBe(
      '/objects/v1/a/b.csv?expires=1700000000&signature=[redacted]&download=x.csv',
    );
    expect(redactUrl('/x?token=t1&refresh_token=r2')).toBe('/x?token=[redacted]&refresh_token=[redacted]');
    expect(redactUrl('/wfm/v1/agent-states?loginId=a')).toBe('/wfm/v1/agent-states?loginId=a');
  });
});
