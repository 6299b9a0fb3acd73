// The offline fake STS: answers GetCallerIdentity the way the aws provider's SDK parses it, refuses
// everything else with an STS-shaped error, listens on loopback only and stops when closed.
import { describe, expect, it } from 'vitest';
import { OFFLINE_ACCOUNT_ID, startStsLoopback, stsReply } from '../../src/verify/sts-loopback.js';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('sts loopback', () => {
  it('answers GetCallerIdentity with the fixed account, and only on 127.0.0.1', async () => {
    const sts = await startStsLoopback();
    try {
      expect(sts.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(sts.endpoint + '/', { method: 'POST', headers: FORM, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
      expect(res.status).toBe(200);
      const xml = await res.text();
      expect(xml).toMatch(/^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult>/);
      expect(xml).toContain(`<Account>${OFFLINE_ACCOUNT_ID}</Account>`);
      expect(xml).toContain(`<Arn>arn:aws:iam::${OFFLINE_ACCOUNT_ID}:user/unmodule-offline</Arn>`);
      expect(xml).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
      expect(sts.answered()).toBe(1);
    } finally {
      await sts.close();
    }
    await expect(fetch(sts.endpoint + '/', { method: 'POST', headers: FORM, body: 'Action=GetCallerIdentity' })).rejects.toThrow();
  });

  it('refuses other actions with an STS error naming the action', () => {
    const r = stsReply('POST', 'Action=AssumeRole&Version=2011-06-15&RoleArn=x');
    expect(r.status).toBe(400);
    expect(r.xml).toContain('<Code>InvalidAction</Code>');
    expect(r.xml).toContain('not AssumeRole');
    expect(stsReply('GET', '').status).toBe(400);
  });
});
