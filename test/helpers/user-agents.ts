/**
 * Real user-agent strings of the browser families CryptoPro's loaders tell apart (by the `Chrome/`, `Edg/`, `OPR/`,
 * `YaBrowser/` and `Firefox/` tokens, loader 2.4.1's check_browser), and a way to make happy-dom's page report one.
 */
export const USER_AGENTS = {
  chrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 Edg/138.0.3351.65',
  yandex:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 YaBrowser/25.6.0.0 Safari/537.36',
  opera: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36 OPR/121.0.0.0',
  firefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0',
} as const;

export type UserAgentFamily = keyof typeof USER_AGENTS;

/** Makes `navigator.userAgent` of this page read `ua`; returns the undo. */
export function useUserAgent(ua: string, win: Window = window): () => void {
  const navigator = win.navigator;
  const own = Object.getOwnPropertyDescriptor(navigator, 'userAgent');
  Object.defineProperty(navigator, 'userAgent', { value: ua, configurable: true });
  return () => {
    if (own) Object.defineProperty(navigator, 'userAgent', own);
    else delete (navigator as unknown as { userAgent?: string }).userAgent;
  };
}
