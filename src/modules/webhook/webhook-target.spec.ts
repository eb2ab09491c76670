import { checkTarget, isAllowedHost, isDeniedAddress } from './webhook-target';

const rules = { allowedHosts: [] as string[], requireHttps: false };
const publicResolve = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }]);

describe('webhook targets (SSRF guard)', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['100.64.0.1', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['ff02::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:a00:1', true],
    ['93.184.216.34', false],
    ['::ffff:5db8:d822', false],
    ['2606:2800:220:1:248:1893:25c8:1946', false],
    ['not an address', true],
  ])('%s denied: %s', (address, expected) => {
    expect(isDeniedAddress(address)).toBe(expected);
  });

  it.each([
    ['ftp://hooks.example.org/', 'SCHEME'],
    ['javascript:alert(1)', 'SCHEME'],
    ['not a url', 'URL'],
    ['https://user:pass@hooks.example.org/', 'CREDENTIALS'],
    ['http://127.0.0.1:4001/', 'ADDRESS'],
    ['http://10.0.0.5/', 'ADDRESS'],
    ['http://169.254.169.254/latest/meta-data/', 'ADDRESS'],
    ['http://[::1]/', 'ADDRESS'],
    ['http://[::ffff:127.0.0.1]/', 'ADDRESS'],
    ['http://0x7f000001/', 'ADDRESS'],
    ['http://2130706433/', 'ADDRESS'],
    ['http://0177.0.0.1/', 'ADDRESS'],
  ])('%s is refused: %s', async (url, problem) => {
    expect(await checkTarget(url, rules, publicResolve)).toBe(problem);
  });

  it('refuses a host name that resolves to loopback, or to any private address among several', async () => {
    expect(await checkTarget('http://localhost:4001/', rules)).toBe('ADDRESS');
    const mixed = () =>
      Promise.resolve([
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ]);
    expect(await checkTarget('https://hooks.example.org/', rules, mixed)).toBe('ADDRESS');
    expect(await checkTarget('https://nowhere.invalid/', rules, () => Promise.reject(new Error('ENOTFOUND')))).toBe(
      'UNRESOLVED',
    );
  });

  it('accepts a public target, and a denied one whose host is allowed', async () => {
    expect(await checkTarget('https://hooks.example.org/in', rules, publicResolve)).toBeInstanceOf(URL);
    const allowed = { allowedHosts: ['127.0.0.1', '*.internal.example'], requireHttps: true };
    expect(await checkTarget('http://127.0.0.1:4001/', allowed)).toBeInstanceOf(URL);
    expect(isAllowedHost('hooks.internal.example', allowed.allowedHosts)).toBe(true);
    expect(isAllowedHost('internal.example', allowed.allowedHosts)).toBe(false);
    expect(isAllowedHost('evilinternal.example', allowed.allowedHosts)).toBe(false);
  });

  it('requires https in production unless the host is allowed', async () => {
    const production = { allowedHosts: [], requireHttps: true };
    expect(await checkTarget('http://hooks.example.org/', production, publicResolve)).toBe('HTTPS_REQUIRED');
    expect(await checkTarget('https://hooks.example.org/', production, publicResolve)).toBeInstanceOf(URL);
  });
});
