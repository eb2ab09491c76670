import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures (Standard Webhooks)', () => {
  it('matches the Standard Webhooks reference example', () => {
    // The specification's own test vector.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('makes secrets of 24 random bytes, and verifies what it signs within the tolerance only', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(newWebhookSecret()).not.toBe(secret);
    const body = '{"type":"feedback.received"}';
    const signature = signWebhook(secret, 'evt_1', 1_700_000_000, body);
    const headers = { id: 'evt_1', timestamp: '1700000000', signature: `v1,bogus ${signature}` };
    expect(verifyWebhook(secret, headers, body, 1_700_000_010)).toBe(true);
    expect(verifyWebhook(secret, headers, `${body} `, 1_700_000_010)).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), headers, body, 1_700_000_010)).toBe(false);
    expect(verifyWebhook(secret, headers, body, 1_700_001_000)).toBe(false);
  });
});
