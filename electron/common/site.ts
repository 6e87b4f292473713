// How people name a site: the host of its address, port included ("chatgpt.com", "127.0.0.1:8443"); the text as
// given when it is not an address. One helper for the engine's sentences, the explanation, the reports and the
// service list.
export function siteName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
