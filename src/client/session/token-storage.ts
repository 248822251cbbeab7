/** Where a bearer token outlives a page load: `localStorage` in a browser, or what the app passes. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The browser's localStorage when there is one, memory otherwise (Node, workers). */
export function defaultTokenStorage(): TokenStorage {
  const local = (globalThis as { localStorage?: TokenStorage }).localStorage;
  if (local) return local;
  const memory = new Map<string, string>();
  return {
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
    removeItem: (key) => void memory.delete(key),
  };
}
